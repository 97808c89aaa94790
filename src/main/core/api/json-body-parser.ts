import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from '../../../shared/errors';

/**
 * JSON is the only body type: every other Content-Type gets 415. An empty body parses as
 * "no body" (so `curl -X POST -H 'Content-Type: application/json'` works on body-less routes);
 * routes that need one answer invalid_json. Prototype-poisoning keys are refused.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      // secure-json-parse reports poisoning keys as a SyntaxError too: valid JSON, refused input.
      if (error instanceof Error && /forbidden prototype property/i.test(error.message)) {
        return done(
          new AppError('invalid_input', 'body must not contain __proto__ or constructor.prototype keys'),
        );
      }
      done(new AppError('invalid_json', 'Request body must be valid JSON.'));
    }
  });
}
