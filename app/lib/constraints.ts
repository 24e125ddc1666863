import { z } from "zod";

/** The HTML constraints of one input, as its form's zod schema states them. */
export interface InputConstraints {
  required?: true;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

interface Bounds {
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
}

type Schema = z.core.$ZodType;
const NUMBER_KEYS = ["min", "max"] as const;

/** Wrappers that change absence or failure, not what a present value must look like. */
function unwrapped(schema: Schema): Schema {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodNonOptional ||
    schema instanceof z.ZodReadonly
  ) {
    return unwrapped(schema.def.innerType);
  }
  return schema;
}

const finite = (value: number | null | undefined) =>
  value != null && Number.isFinite(value) && Math.abs(value) < Number.MAX_SAFE_INTEGER
    ? value
    : undefined;

/** Both sides hold (a pipe): the tighter bound of each kind. */
function tightest(a: Bounds, b: Bounds): Bounds {
  const pick = (x: number | undefined, y: number | undefined, f: (...n: number[]) => number) =>
    x === undefined ? y : y === undefined ? x : f(x, y);
  return {
    minLength: pick(a.minLength, b.minLength, Math.max),
    maxLength: pick(a.maxLength, b.maxLength, Math.min),
    min: pick(a.min, b.min, Math.max),
    max: pick(a.max, b.max, Math.min),
  };
}

/** Any option may match (a union): the looser bound, none when one option has none. */
function loosest(options: Bounds[]): Bounds {
  const bound = (key: keyof Bounds, f: (...n: number[]) => number) => {
    const values = options.map((option) => option[key]);
    return values.every((value) => value !== undefined) ? f(...values) : undefined;
  };
  return {
    minLength: bound("minLength", Math.min),
    maxLength: bound("maxLength", Math.max),
    min: bound("min", Math.min),
    max: bound("max", Math.max),
  };
}

/** Length and range bounds a value must meet; refinements and transforms state none. */
function boundsOf(field: Schema): Bounds {
  const schema = unwrapped(field);
  if (schema instanceof z.ZodString) {
    return { minLength: finite(schema.minLength), maxLength: finite(schema.maxLength) };
  }
  if (schema instanceof z.ZodNumber) {
    return { min: finite(schema.minValue), max: finite(schema.maxValue) };
  }
  if (schema instanceof z.ZodLiteral) {
    const lengths = [...schema.values].map((value) => String(value).length);
    return { minLength: Math.min(...lengths), maxLength: Math.max(...lengths) };
  }
  if (schema instanceof z.ZodPipe) return tightest(boundsOf(schema.in), boundsOf(schema.out));
  if (schema instanceof z.ZodUnion) return loosest(schema.options.map(boundsOf));
  return {};
}

function accepts(schema: Schema, value: unknown): boolean {
  try {
    return z.safeParse(schema, value).success;
  } catch {
    // An asynchronous refinement cannot run here: do not claim the field is required.
    return true;
  }
}

/** Required = a value must be given: the schema refuses both an absent field and "". */
function isRequired(field: Schema): boolean {
  const base = unwrapped(field);
  // A checkbox or a list is not "required" in the HTML sense.
  if (
    base instanceof z.ZodBoolean ||
    base instanceof z.ZodArray ||
    base instanceof z.ZodObject ||
    base instanceof z.ZodRecord
  ) {
    return false;
  }
  return !accepts(field, undefined) && !accepts(field, "");
}

/** The fields of a form's object schema (refined, or piped into a transform, too). */
function fieldsOf(schema: Schema): Record<string, Schema> | undefined {
  if (schema instanceof z.ZodObject) return schema.shape;
  if (schema instanceof z.ZodPipe) return fieldsOf(schema.in);
  return undefined;
}

function derive(schema: Schema, name: string): InputConstraints {
  const field = fieldsOf(schema)?.[name];
  if (!field) return {};
  const bounds = boundsOf(field);
  const constraints: InputConstraints = {};
  if (isRequired(field)) constraints.required = true;
  // A minimum of one character is what `required` says (and is not valid on a select).
  if (bounds.minLength !== undefined && bounds.minLength > 1) {
    constraints.minLength = bounds.minLength;
  }
  if (bounds.maxLength !== undefined) constraints.maxLength = bounds.maxLength;
  for (const key of NUMBER_KEYS) if (bounds[key] !== undefined) constraints[key] = bounds[key];
  return constraints;
}

const cache = new WeakMap<Schema, Map<string, InputConstraints>>();

/**
 * The HTML constraints (`required`, `minLength`, `maxLength`, `min`, `max`) of the field
 * `name` of a form's object schema, so the browser asks what the server's schema asks. They
 * are never stricter than the schema: a union gives its loosest option's bounds, and rules
 * the schema states only as refinements or transforms give none. Only the keys that apply
 * are present, so a spread never overrides an input's own props with `undefined`.
 */
export function constraintsFor(schema: Schema, name: string): InputConstraints {
  let byName = cache.get(schema);
  if (!byName) cache.set(schema, (byName = new Map()));
  let constraints = byName.get(name);
  if (!constraints) byName.set(name, (constraints = derive(schema, name)));
  return constraints;
}
