let settle: () => void = () => undefined;

/**
 * Settles after the page's first painted frame of the app (after-first-paint.tsx marks it). A
 * module without React, so the data layer, which runs before React loads, can wait for it.
 */
export const firstPaint = new Promise<void>((resolve) => (settle = resolve));

export const markFirstPaint = (): void => settle();
