/**
 * GitHub Actions' OIDC tokens, as the clouds' trust conditions see them.
 *
 * Claims (GitHub, "About security hardening with OpenID Connect",
 * https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect):
 * issuer `https://token.actions.githubusercontent.com`; `sub` is
 * `repo:OWNER/REPO:environment:NAME` for a job that names an environment and
 * `repo:OWNER/REPO:pull_request` for a pull-request job without one; `repository`, `environment`
 * and `event_name` are claims of their own.
 */
export const GITHUB_ISSUER = "https://token.actions.githubusercontent.com";
/** The audience configure-aws-credentials requests for STS. */
export const AWS_AUDIENCE = "sts.amazonaws.com";

/** The `sub` of a job running in GitHub environment `environment`. */
export function environmentSubject(repository: string, environment: string): string {
  return `repo:${repository}:environment:${environment}`;
}

/** The `sub` of a pull-request job (preview.yml names no environment). */
export function pullRequestSubject(repository: string): string {
  return `repo:${repository}:pull_request`;
}

/** A CEL string literal (Google's attribute conditions are CEL). */
const cel = (value: string) => JSON.stringify(value);

/** GCP attribute condition: tokens of `repository`'s jobs in `environment` only. */
export function gcpDeployCondition(repository: string, environment: string): string {
  return `assertion.repository == ${cel(repository)} && assertion.environment == ${cel(environment)}`;
}

/**
 * GCP attribute condition: tokens of `repository`'s pull-request jobs that name no environment
 * (their `sub` is exactly `repo:OWNER/REPO:pull_request`), so no deploy subject passes here.
 */
export function gcpPreviewCondition(repository: string): string {
  return `assertion.repository == ${cel(repository)} && assertion.sub == ${cel(pullRequestSubject(repository))}`;
}
