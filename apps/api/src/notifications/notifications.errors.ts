import { ApiError } from '../common/api-error.js';

/** Error codes of the notification pages (inbox, preferences, unsubscribe, mailbox, deliveries). */
export const NotificationErrors = {
  itemNotFound: () =>
    new ApiError(404, 'INBOX_ITEM_NOT_FOUND', 'No such notification in your inbox.'),
  badCursor: () => new ApiError(400, 'INVALID_CURSOR', 'The cursor is not one this list gave out.'),
  unsubscribeNotFound: () =>
    new ApiError(404, 'UNSUBSCRIBE_LINK_NOT_FOUND', 'This unsubscribe link is not valid.'),
  /** The development mailbox exists only while mail is kept (no SMTP, not production). */
  mailboxNotFound: () => new ApiError(404, 'ROUTE_NOT_FOUND', 'No such route.'),
  mailNotFound: () => new ApiError(404, 'MAIL_NOT_FOUND', 'No such mail in the mailbox.'),
  /** Email deliveries are for admins: to anyone else they do not exist. */
  deliveryNotFound: () => new ApiError(404, 'DELIVERY_NOT_FOUND', 'No such email delivery.'),
  notDead: () =>
    new ApiError(
      409,
      'DELIVERY_NOT_DEAD',
      'This delivery is not dead any more: it was replayed or sent meanwhile.',
    ),
};
