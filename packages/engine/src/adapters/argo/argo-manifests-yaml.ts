import { stringify } from 'yaml';
import type { KubernetesObject } from './kubernetes-object.js';

/**
 * Resources as one multi-document YAML stream for `kubectl apply -f -`. Written as YAML 1.1,
 * which Kubernetes' parser speaks: strings such as `yes`, `on` or `0777` stay quoted strings.
 * No anchors and no folded lines: people read these files (a GitOps repository, a review).
 */
export function argoManifestsYaml(objects: readonly KubernetesObject[]): string {
  const options = {
    version: '1.1',
    aliasDuplicateObjects: false,
    lineWidth: 0,
    singleQuote: true,
  } as const;
  return objects.map((object) => `---\n${stringify(object, options)}`).join('');
}
