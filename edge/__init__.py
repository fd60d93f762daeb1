"""The HTTP edge: what every request passes through before and after a view (request IDs,
security headers, size limits, the page cache, the database-outage page), and the guards
views call (the client's address, rate limits, bots). It may import `core`; no app below
it imports it."""
