import type { CaseFile, CaseStatus } from './case-file.ts';

/**
 * Finding cases for a person: by status, by responsible caseworker, by a word of the applicant's
 * name. Read from the table's indexes page by page, never by reading the whole table.
 */
export interface CasePage {
  readonly cases: readonly CaseFile[];
  /** Opaque: pass it back for the next page; null on the last page. */
  readonly next: string | null;
}

export interface CaseListing {
  readonly status: CaseStatus;
  /** Only cases this caseworker is responsible for (their address); null for everybody's. */
  readonly caseworker: string | null;
  readonly pageSize: number;
  readonly after: string | null;
}

export interface CaseDirectory {
  list(listing: CaseListing): Promise<CasePage>;
  /** Cases with a word of the applicant's name starting with `prefix` (see nameSearchKey). */
  byName(prefix: string, limit: number): Promise<CaseFile[]>;
}

/**
 * The form a name word is indexed and searched in: lowercase, without accents, Turkish dotless ı
 * and German ß spelled out, so "Yılmaz", "YILMAZ" and "yilmaz" find each other.
 */
export function nameSearchKey(word: string): string {
  return word
    .toLowerCase()
    .replace(/ı/g, 'i')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The words of a name as they are indexed (each at most once, none empty). */
export function nameSearchKeys(name: string): string[] {
  return [...new Set(name.split(/[\s,\-–]+/u).map(nameSearchKey))].filter((k) => k.length > 0);
}
