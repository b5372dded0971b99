import type { ReactNode } from 'react';
import { formatTime, shortDigest } from '../format/format-time.js';
import { useApi } from '../layout/app-context.js';
import { ResourceView } from '../layout/resource-view.js';
import { useResource } from '../layout/use-resource.js';
import { MarkdownView } from '../markdown/markdown-view.js';
import { hrefOf } from '../routing/route.js';
import { ReleaseApprovals } from './release-approvals.js';
import { ReleaseTimeline } from './release-timeline.js';
import { releaseDeployments } from './release-deployments.js';

/** One release: notes, artifacts with digests, its deployments per environment, rollback targets. */
export function ReleasePage({
  service,
  version,
}: {
  readonly service: string;
  readonly version: string;
}): ReactNode {
  const api = useApi();
  const resource = useResource(
    `release:${service}:${version}`,
    async () => {
      const [release, artifacts, deployments, services, requests] = await Promise.all([
        api.getRelease(service, version),
        api.listArtifacts(service, version),
        api.listDeployments(service),
        api.listServices(),
        api.listChangeRequests({ service }),
      ]);
      // The list leaves out the decisions: read those of this release's requests one by one.
      const approvals = await Promise.all(
        requests
          .filter((request) => request.version === version)
          .map((request) => api.getChangeRequest(request.id)),
      );
      const lifecycle = services.find((candidate) => candidate.name === service)?.lifecycle ?? [];
      return {
        release,
        artifacts,
        approvals,
        byEnvironment: releaseDeployments(release, deployments, lifecycle),
      };
    },
    10_000,
  );
  return (
    <section aria-labelledby="release-title">
      <p className="crumbs">
        <a href={hrefOf({ page: 'catalog' })}>Catalog</a> /{' '}
        <a href={hrefOf({ page: 'service', service })}>{service}</a> /
      </p>
      <h1 id="release-title">
        {service} {version}
      </h1>
      <ResourceView resource={resource}>
        {({ release, artifacts, approvals, byEnvironment }) => (
          <>
            <dl className="facts">
              <dt>Tag</dt>
              <dd>{release.tag ?? '–'}</dd>
              <dt>Commit</dt>
              <dd>{release.commit === null ? '–' : <code>{release.commit}</code>}</dd>
              <dt>Recorded</dt>
              <dd>
                {formatTime(release.createdAt)} by {release.createdBy}
              </dd>
              {release.firstCommitTime == null ? null : (
                <>
                  <dt>First commit</dt>
                  <dd>{formatTime(release.firstCommitTime)}</dd>
                </>
              )}
              {release.fixes == null ? null : (
                <>
                  <dt>Fixes</dt>
                  <dd>
                    <a href={hrefOf({ page: 'release', service, version: release.fixes })}>
                      {release.fixes}
                    </a>{' '}
                    <span className="muted">(a failed change in DORA once this reaches prod)</span>
                  </dd>
                </>
              )}
            </dl>
            <h2>Notes</h2>
            {release.notes === null || release.notes.trim() === '' ? (
              <p className="muted">No notes recorded.</p>
            ) : (
              <MarkdownView source={release.notes} />
            )}
            <h2>Artifacts</h2>
            {release.artifacts.length === 0 ? (
              <p className="muted">No artifacts recorded.</p>
            ) : (
              <table className="artifacts">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Size</th>
                    <th scope="col">Digest</th>
                  </tr>
                </thead>
                <tbody>
                  {release.artifacts.map((digest) => {
                    const artifact = artifacts.find((candidate) => candidate.digest === digest);
                    return (
                      <tr key={digest}>
                        <td>{artifact?.name ?? '–'}</td>
                        <td>{artifact?.kind ?? '–'}</td>
                        <td>{artifact === undefined ? '–' : `${artifact.size} B`}</td>
                        <td>
                          <code title={digest} className="digest-full">
                            {digest}
                          </code>
                          <span className="visually-hidden">{shortDigest(digest)}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <h2>Approvals</h2>
            <ReleaseApprovals requests={approvals} />
            <h2>Deployments</h2>
            <ReleaseTimeline byEnvironment={byEnvironment} />
          </>
        )}
      </ResourceView>
    </section>
  );
}
