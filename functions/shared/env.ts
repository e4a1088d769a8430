import { ConfigurationError } from './errors.ts';

/**
 * Reads a required environment variable. Called at module load by handlers and adapters so a
 * missing setting fails the cold start with the variable's name, not a request hours later.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError(`Environment variable ${name} is required but not set`);
  }
  return value;
}

/** Reads an optional environment variable; empty counts as absent. */
export function optionalEnv(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}
