// The API browser /api-docs: Swagger UI (from its webjar) over GET /openapi. "Try it out" goes through the
// signed-in session like the other pages: X-Requested-With, and the session's CSRF token on every write.
import { headers } from './api.js';

window.SwaggerUIBundle({
  url: '/openapi',
  dom_id: '#swagger-ui',
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  async requestInterceptor(request) {
    Object.assign(request.headers, await headers(request.method || 'GET', request.headers));
    return request;
  },
});
