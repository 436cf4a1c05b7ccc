// Headers every request the app sends to /graphql carries.
//
// A form on another site can post multipart/form-data to /graphql with the
// user's cookies, so the server runs a multipart request (a file upload)
// only when it carries GraphQL-Require-Preflight, which no cross-site form
// can set (the same CSRF prevention as Apollo's). On JSON posts it is
// harmless, so the app sends it on every GraphQL request, uploads or not.
// (File downloads from /export/ are authorised by the Bearer token alone,
// which a cross-site request cannot carry.)
export const preflightHeaders: Readonly<Record<string, string>> = { 'GraphQL-Require-Preflight': '1' };
