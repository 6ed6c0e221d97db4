import type { ShapeDetail } from '@shared/contract';

/** Typed models from this shape (TypeScript, zod, JSON Schema, C#, Python). */
export function ModelPanel({ shape }: { shape: ShapeDetail }) {
  void shape;
  return null;
}
