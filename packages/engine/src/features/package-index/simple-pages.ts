import type { PackageFile } from './package-file.js';
import type { ProjectListing } from './package-index-service.js';

/** API version 1.1 (PEP 700): `versions`, `size` and `upload-time` are present. */
const apiVersion = '1.1';

/** Where a file is served: under its digest, so a URL names exactly one content. */
export function fileUrl(file: PackageFile): string {
  return `/files/${file.digest.slice('sha256:'.length)}/${encodeURIComponent(file.filename)}`;
}

function hexOf(digest: string): string {
  return digest.slice('sha256:'.length);
}

/** PEP 691 JSON project list. */
export function projectListJson(projects: readonly string[]): string {
  return JSON.stringify({
    meta: { 'api-version': apiVersion },
    projects: projects.map((name) => ({ name })),
  });
}

/** PEP 503 HTML project list; links are relative, so channels reuse the page. */
export function projectListHtml(projects: readonly string[]): string {
  const links = projects
    .map((name) => `    <a href="${escapeHtml(name)}/">${escapeHtml(name)}</a><br/>`)
    .join('\n');
  return page('Simple index', links);
}

/**
 * PEP 691 JSON project page. PEP 714: the metadata file is `core-metadata` only (pip 23.0
 * crashes on the older `dist-info-metadata` key in JSON).
 */
export function projectJson(listing: ProjectListing): string {
  return JSON.stringify({
    meta: { 'api-version': apiVersion },
    name: listing.project,
    versions: listing.versions,
    files: listing.files.map((file) => ({
      filename: file.filename,
      url: fileUrl(file),
      hashes: { sha256: hexOf(file.digest) },
      ...(file.requiresPython === null ? {} : { 'requires-python': file.requiresPython }),
      'core-metadata':
        file.metadataDigest === null ? false : { sha256: hexOf(file.metadataDigest) },
      yanked: file.yanked === false ? false : file.yanked === '' ? true : file.yanked,
      size: file.size,
      'upload-time': file.uploadedAt,
    })),
  });
}

/** PEP 503 HTML project page; HTML carries both metadata attributes (PEP 714). */
export function projectHtml(listing: ProjectListing): string {
  const links = listing.files
    .map((file) => {
      const attributes = [`href="${escapeHtml(fileUrl(file))}#sha256=${hexOf(file.digest)}"`];
      if (file.requiresPython !== null) {
        attributes.push(`data-requires-python="${escapeHtml(file.requiresPython)}"`);
      }
      if (file.metadataDigest !== null) {
        const value = `sha256=${hexOf(file.metadataDigest)}`;
        attributes.push(`data-dist-info-metadata="${value}"`, `data-core-metadata="${value}"`);
      }
      if (file.yanked !== false) attributes.push(`data-yanked="${escapeHtml(file.yanked)}"`);
      return `    <a ${attributes.join(' ')}>${escapeHtml(file.filename)}</a><br/>`;
    })
    .join('\n');
  return page(`Links for ${listing.project}`, links);
}

function page(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html>',
    '  <head>',
    `    <meta name="pypi:repository-version" content="${apiVersion}">`,
    `    <title>${escapeHtml(title)}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>${escapeHtml(title)}</h1>`,
    body,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
