/*
 * What a person sees, measured: the colours an element really ends up with (through light-dark(),
 * color-mix() and relative colours, and through the shadow roots around it) and their WCAG contrast.
 * For element tests; axe (./axe-audit.ts) audits whole states, these pin single findings.
 */

export type Rgba = [r: number, g: number, b: number, a: number];

let context: CanvasRenderingContext2D | undefined;

/** Any CSS colour as sRGB 0–255 and alpha 0–1, as the browser paints it (through a 1×1 canvas). */
export function toRgba(color: string): Rgba {
  context ??= Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', { willReadFrequently: true })!;
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = '#000';
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r = 0, g = 0, b = 0, a = 0] = context.getImageData(0, 0, 1, 1).data;
  return [r, g, b, a / 255];
}

/** `top` painted over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
}

/** The element's parent in the flattened tree: across a shadow root to its host, and out of slots. */
function parentOf(el: Element): Element | null {
  if (el.assignedSlot) return el.assignedSlot;
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The opaque colour behind `el`: its own background and every ancestor's, composited, over white. */
export function backgroundOf(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = parentOf(node)) {
    const layer = toRgba(getComputedStyle(node).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] === 1) break;
  }
  return layers.reduceRight<Rgba>((below, layer) => over(layer, below), [255, 255, 255, 1]);
}

/** The text colour of `el` as painted over its background. */
export function textColorOf(el: Element): Rgba {
  return over(toRgba(getComputedStyle(el).color), backgroundOf(el));
}

function luminance([r, g, b]: Rgba): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio, 1–21. */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The contrast of an element's text against what is behind it. */
export function textContrast(el: Element): number {
  return contrast(textColorOf(el), backgroundOf(el));
}
