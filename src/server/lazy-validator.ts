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
 * The SDK client's output-schema check, compiled when a tool is first called instead of for
 * every tool on each tools/list. The client compiles all of Ace's output schemas at tools/list
 * (some 0.4 s of ajv code generation), though a session calls a handful of tools; and a process
 * that connects many clients (the tests, a command run several times) compiles each schema once.
 * Results are still checked against their tool's schema exactly as before.
 */
export class LazyOutputValidator implements jsonSchemaValidator {
  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    let check: JsonSchemaValidator<T> | undefined;
    return (input) => (check ??= validatorFor<T>(schema))(input);
  }
}
