import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';

/**
 * The SDK client's output-schema check, compiled when a tool is first called instead of for
 * every tool on each tools/list. The client compiles all of Ace's output schemas at tools/list
 * (some 0.4 s of ajv code generation), though a session calls a handful of tools; results are
 * still checked against their tool's schema exactly as before.
 */
export class LazyOutputValidator implements jsonSchemaValidator {
  private readonly ajv = new AjvJsonSchemaValidator();

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    let compiled: JsonSchemaValidator<T> | undefined;
    return (input) => (compiled ??= this.ajv.getValidator<T>(schema))(input);
  }
}
