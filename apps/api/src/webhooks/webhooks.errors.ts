import { ApiError } from '../common/api-error.js';

/** Error codes of the webhook routes (API contract). */
export const WebhookErrors = {
  notFound: () => new ApiError(404, 'WEBHOOK_NOT_FOUND', 'No such webhook, or not one you manage.'),
  deliveryNotFound: () =>
    new ApiError(404, 'WEBHOOK_DELIVERY_NOT_FOUND', 'No such delivery, or not one you manage.'),
  outOfScope: () =>
    new ApiError(
      403,
      'WEBHOOK_OUT_OF_SCOPE',
      'You may register webhooks only for your own party and region.',
    ),
  scopeNeeded: (field: 'party' | 'region') =>
    new ApiError(422, 'WEBHOOK_SCOPE_REQUIRED', `Name the ${field} the webhook is for.`, [
      { field, problems: [`${field} is required`] },
    ]),
  unknownScope: (field: 'party' | 'region', value: string) =>
    new ApiError(422, 'WEBHOOK_SCOPE_UNKNOWN', `${field} "${value}" does not exist.`, [
      { field, problems: [`${field} "${value}" does not exist`] },
    ]),
  badUrl: (problem: string) =>
    new ApiError(422, 'WEBHOOK_URL_INVALID', `url: ${problem}`, [
      { field: 'url', problems: [problem] },
    ]),
  unresolvable: (host: string) =>
    new ApiError(422, 'WEBHOOK_HOST_UNRESOLVABLE', `url: the host ${host} does not resolve.`, [
      { field: 'url', problems: [`the host ${host} does not resolve`] },
    ]),
  addressForbidden: (host: string, address: string) =>
    new ApiError(
      422,
      'WEBHOOK_ADDRESS_FORBIDDEN',
      `url: ${host} resolves to ${address}, a private, loopback or reserved address; webhooks go only to public addresses.`,
      [{ field: 'url', problems: [`${host} resolves to the forbidden address ${address}`] }],
    ),
  disabled: () => new ApiError(409, 'WEBHOOK_DISABLED', 'This webhook is disabled.'),
};
