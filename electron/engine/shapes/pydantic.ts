import {
  getOptionValues,
  pythonOptions,
  PythonRenderer,
  PythonTargetLanguage,
  UnionType,
  type ClassProperty,
  type ClassType,
  type RenderContext,
  type Type,
} from 'quicktype-core';

/** `None` is a valid value: the field gets a `None` default (optional in pydantic). */
const nullable = (t: Type): boolean => t.kind === 'null' || t.kind === 'any' || (t instanceof UnionType && [...t.members].some((m) => m.kind === 'null'));

/**
 * quicktype's pydantic classes name fields in snake_case without aliases, so they reject the very
 * payload they came from (`last_name` is required, `LastName` is ignored). Here each field carries
 * its JSON spelling as an alias (`Field(alias="LastName")`), models accept either name
 * (populate_by_name) and keep keys they do not declare (extra="allow"), so
 * `model_validate(payload).model_dump(by_alias=True, exclude_unset=True)` gives the payload back.
 */
class PydanticRenderer extends PythonRenderer {
  protected override emitClass(t: ClassType): void {
    this.declareType(t, () => {
      const config = this.withImport('pydantic', 'ConfigDict');
      // By name as well as by alias, unless a Python name is another field's JSON key (`new` for
      // "New" next to "new"): then one key would fill both fields.
      const names = new Map<string, string>();
      this.forEachClassProperty(t, 'none', (name, jsonName) => names.set(this.sourcelikeToString(name), jsonName));
      const byName = [...names].every(([name, jsonName]) => name === jsonName || ![...names.values()].includes(name));
      // protected_namespaces=(): a Maximizer field may well be called Model… (model_number).
      this.emitLine('model_config = ', config, `(${byName ? 'populate_by_name=True, ' : ''}extra="allow", protected_namespaces=())`);
      this.forEachClassProperty(t, 'none', (name, jsonName, cp: ClassProperty) => {
        const field = this.withImport('pydantic', 'Field');
        const optional = cp.isOptional || nullable(cp.type);
        this.emitLine(name, ': ', this.pythonType(cp.type), ' = ', field, '(', optional ? 'default=None, ' : '', 'alias=', this.string(jsonName), ')');
        this.emitDescription(this.descriptionForClassProperty(t, jsonName));
      });
      this.ensureBlankLine();
    });
  }
}

/** quicktype's Python target with the renderer above; always just types, always pydantic. */
export class PydanticLanguage extends PythonTargetLanguage {
  protected override makeRenderer(renderContext: RenderContext, untypedOptionValues: Record<string, unknown>): PythonRenderer {
    return new PydanticRenderer(
      this,
      renderContext,
      getOptionValues(pythonOptions, { ...untypedOptionValues, 'just-types': true, 'pydantic-base-model': true }),
    );
  }
}
