/**
 * Grammar checks for the client headers the proxy forwards (RFC 9110): `Accept` must be a list of
 * media ranges, `If-None-Match` a list of entity tags (or `*`), a write's `Content-Type` one media
 * type. Anything else is not forwarded (the proxy's defaults apply).
 */

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"[^"\\\\\\u0000-\\u001f\\u007f]*"';
const PARAM = `[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED})`;
const MEDIA_RANGE = `${TOKEN}/${TOKEN}(?:${PARAM})*`;
const ACCEPT = new RegExp(`^${MEDIA_RANGE}(?:[ \\t]*,[ \\t]*${MEDIA_RANGE})*$`);

const CONTENT_TYPE = new RegExp(`^${MEDIA_RANGE}$`);

const ETAG = '(?:W/)?"[\\u0021\\u0023-\\u007e]*"';
const IF_NONE_MATCH = new RegExp(`^(?:\\*|${ETAG}(?:[ \\t]*,[ \\t]*${ETAG})*)$`);

/** A well-formed Accept value: `type/subtype` ranges with optional parameters, comma-separated. */
export function isAcceptValue(value: string): boolean {
  return value.length > 0 && value.length <= 256 && ACCEPT.test(value);
}

/** A well-formed If-None-Match value: `*`, or strong/weak entity tags, comma-separated. */
export function isIfNoneMatchValue(value: string): boolean {
  return value.length > 0 && value.length <= 1024 && IF_NONE_MATCH.test(value);
}

/** A well-formed Content-Type value: one `type/subtype` with optional parameters. */
export function isContentTypeValue(value: string): boolean {
  return value.length > 0 && value.length <= 256 && CONTENT_TYPE.test(value);
}
