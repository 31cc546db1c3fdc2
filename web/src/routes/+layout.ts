// A single-page app: rendered in the browser only, served from one fallback index.html.
export const ssr = false;
export const prerender = false;
