/**
 * Reads the fields of a value that arrived as `unknown` (a ledger entry or a JSON argument),
 * checking each one's type. `fail` decides what a wrong shape is: corrupt state for ledger
 * data, INVALID_ARGUMENT for an argument.
 */
export class Shape {
  readonly #fields: Record<string, unknown>;
  readonly #fail: (problem: string) => Error;

  constructor(value: unknown, fail: (problem: string) => Error) {
    if (!isPlainObject(value)) throw fail('not an object');
    this.#fields = value;
    this.#fail = fail;
  }

  keys(): string[] {
    return Object.keys(this.#fields);
  }

  has(name: string): boolean {
    return Object.hasOwn(this.#fields, name);
  }

  raw(name: string): unknown {
    return this.#fields[name];
  }

  string(name: string): string {
    const value = this.#fields[name];
    if (typeof value !== 'string') throw this.#fail(`${name} is not a string`);
    return value;
  }

  nullableString(name: string): string | null {
    return this.#fields[name] === null ? null : this.string(name);
  }

  integer(name: string): number {
    const value = this.#fields[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw this.#fail(`${name} is not an integer`);
    }
    return value;
  }

  nullableInteger(name: string): number | null {
    return this.#fields[name] === null ? null : this.integer(name);
  }

  boolean(name: string): boolean {
    const value = this.#fields[name];
    if (typeof value !== 'boolean') throw this.#fail(`${name} is not a boolean`);
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.#fields[name];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw this.#fail(`${name} is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  nullableOneOf<T extends string>(name: string, allowed: readonly T[]): T | null {
    return this.#fields[name] === null ? null : this.oneOf(name, allowed);
  }

  stringArray(name: string): string[] {
    const value = this.#fields[name];
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
      throw this.#fail(`${name} is not a list of strings`);
    }
    return value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
