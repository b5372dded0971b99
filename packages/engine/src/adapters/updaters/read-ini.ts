/**
 * A configparser-style reading of setup.cfg for detection only (updates go through
 * setup-cfg-updater, which edits the text in place): section → lower-case key → value,
 * indented lines continuing the value before them.
 */
export function readIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let lastKey: string | undefined;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^\s*(?:[#;]|$)/.test(line)) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header !== null) {
      const name = header[1]?.trim() ?? '';
      section = sections.get(name) ?? new Map<string, string>();
      sections.set(name, section);
      lastKey = undefined;
      continue;
    }
    if (/^\s/.test(line) && section !== undefined && lastKey !== undefined) {
      const previous = section.get(lastKey) ?? '';
      section.set(lastKey, `${previous}\n${line.trim()}`.replace(/^\n/, ''));
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (pair !== null && section !== undefined) {
      lastKey = (pair[1] ?? '').toLowerCase();
      section.set(lastKey, (pair[2] ?? '').trim());
    }
  }
  return sections;
}
