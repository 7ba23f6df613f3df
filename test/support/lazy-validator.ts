import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';

/** One ajv for the process, and each schema compiled once, by its JSON text: every client checks the same schemas. */
let ajv: AjvJsonSchemaValidator | undefined;
const compiled = new Map<string, JsonSchemaValidator<unknown>>();

function validatorFor<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
  const key = JSON.stringify(schema);
  let check = compiled.get(key);
  if (!check) {
    check = (ajv ??= new AjvJsonSchemaValidator()).getValidator<unknown>(schema);
    compiled.set(key, check);
  }
  return check as JsonSchemaValidator<T>;
}

/**
 * The tests' check of structured results, as an external client makes it: the SDK client's
 * ajv check against each tool's published JSON Schema, compiled when a tool is first called
 * (not for every tool on each tools/list), and once per schema for all the clients a test
 * worker connects. The product's in-process client leaves this check to the server
 * (src/server/in-memory.ts); the tests keep it, so that every result they see also passes the
 * JSON Schema an external client validates against.
 */
export class LazyOutputValidator implements jsonSchemaValidator {
  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    let check: JsonSchemaValidator<T> | undefined;
    return (input) => (check ??= validatorFor<T>(schema))(input);
  }
}
