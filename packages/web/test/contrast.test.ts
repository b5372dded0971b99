import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The palette of styles.css against WCAG 2.x contrast: text colours on the page and panel
 * backgrounds at least 4.5:1 (AA for normal text), in the light and the dark scheme.
 */
const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8');

function palette(block: string): Record<string, string> {
  const colours: Record<string, string> = {};
  for (const match of block.matchAll(/--([a-z]+):\s*(#[0-9a-f]{6})/gi)) {
    colours[match[1] ?? ''] = match[2] ?? '';
  }
  return colours;
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const light = palette(
  css.slice(css.indexOf(':root {'), css.indexOf('@media (prefers-color-scheme')),
);
const darkStart = css.indexOf('@media (prefers-color-scheme: dark)');
const dark = palette(css.slice(darkStart, css.indexOf('}\n}', darkStart)));

describe('colour contrast', () => {
  it('computes the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [scheme, colours] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`keeps text at 4.5:1 or more on both backgrounds (${scheme})`, () => {
      expect(Object.keys(colours).sort()).toEqual(
        ['accent', 'bad', 'bg', 'fg', 'line', 'muted', 'ok', 'panel', 'warn'].sort(),
      );
      for (const text of ['fg', 'muted', 'accent', 'ok', 'bad', 'warn']) {
        for (const background of ['bg', 'panel']) {
          const ratio = contrast(colours[text] ?? '', colours[background] ?? '');
          expect(ratio, `${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
        }
      }
      // A primary button and the open-approvals count: the page background as text on them.
      expect(contrast(colours['bg'] ?? '', colours['accent'] ?? '')).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours['bg'] ?? '', colours['warn'] ?? '')).toBeGreaterThanOrEqual(4.5);
    });
  }
});
