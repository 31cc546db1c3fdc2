import { ApiError } from '#lib/api.ts';
import { fieldIssues } from '#lib/api-request.ts';
import { t } from '#lib/i18n.ts';

/** A failed API call as a sentence that says what happened and what to do. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return t('views.error.server', { message: String(err) });
  switch (err.status) {
    case 0:
      return t('views.error.network');
    case 400: {
      const issues = fieldIssues(err);
      const details =
        issues.length > 0
          ? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')
          : err.message;
      return t('views.error.invalid', { details });
    }
    case 401:
      return t('views.error.session');
    case 403:
      return t('views.error.forbidden');
    case 404:
      return t('views.error.notFound');
    case 409:
      return t('views.error.conflict');
    default:
      return t('views.error.server', { message: err.message });
  }
}

/** True for the API's "still being computed" answer (409 from a model view). */
export function isPending(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409;
}
