import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERSION } from './run-updater-fixtures.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

// Python's own readers (tomllib, configparser, ast) are the clients of these files: what
// they read from an updated file must be the new version.
const READER = String.raw`
import ast, configparser, json, sys, tomllib
out = []
for kind, path in json.load(sys.stdin):
    text = open(path, encoding="utf-8-sig", newline="").read()
    if kind == "pyproject-project":
        out.append(tomllib.loads(text)["project"]["version"])
    elif kind == "pyproject-poetry":
        out.append(tomllib.loads(text)["tool"]["poetry"]["version"])
    elif kind == "uv-lock":
        own = [p for p in tomllib.loads(text)["package"] if p["source"] in ({"editable": "."}, {"virtual": "."})]
        out.append(own[0]["version"])
    elif kind == "setup-cfg":
        parser = configparser.ConfigParser()
        parser.read_string(text)
        out.append(parser["metadata"]["version"])
    else:
        tree = ast.parse(text)
        out.append(next(node.value.value for node in tree.body
            if isinstance(node, (ast.Assign, ast.AnnAssign))
            and "__version__" in [t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target])]))
json.dump(out, sys.stdout)
`;

describe('Python reads the updated files', () => {
  it('tomllib, configparser and ast find the new version in every expected fixture', () => {
    const kinds = [
      'pyproject-project',
      'pyproject-poetry',
      'uv-lock',
      'setup-cfg',
      'python-version',
    ];
    const files = kinds.flatMap((kind) =>
      readdirSync(join(FIXTURES, kind)).flatMap((fixture) =>
        readdirSync(join(FIXTURES, kind, fixture))
          .filter((file) => file.startsWith('expected.'))
          .map((file) => [kind, join(FIXTURES, kind, fixture, file)]),
      ),
    );
    expect(files.length).toBeGreaterThanOrEqual(12);
    const output = execFileSync('python3', ['-c', READER], { input: JSON.stringify(files) });
    const versions = JSON.parse(output.toString()) as string[];
    expect(versions).toEqual(files.map(() => VERSION.pep440));
  });
});
