import { FileExistsError } from './package-file.js';
import type { PackageFile, PackageIndexStore } from './package-file.js';

/** In memory, for unit tests; same ordering and uniqueness as the Kysely store. */
export class FakePackageIndexStore implements PackageIndexStore {
  readonly #files = new Map<string, PackageFile>();

  async insert(file: PackageFile): Promise<void> {
    if (this.#files.has(file.filename)) throw new FileExistsError(file.filename);
    this.#files.set(file.filename, file);
  }

  async byFilename(filename: string): Promise<PackageFile | undefined> {
    return this.#files.get(filename);
  }

  async projectFiles(project: string): Promise<PackageFile[]> {
    return [...this.#files.values()]
      .filter((file) => file.project === project)
      .sort(
        (a, b) => compareText(a.uploadedAt, b.uploadedAt) || compareText(a.filename, b.filename),
      );
  }

  async projects(): Promise<string[]> {
    return [...new Set([...this.#files.values()].map((file) => file.project))].sort();
  }

  async setYanked(filename: string, yanked: false | string): Promise<void> {
    const file = this.#files.get(filename);
    if (file !== undefined) this.#files.set(filename, { ...file, yanked });
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
