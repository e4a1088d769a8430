import type { Hono } from 'hono';
import type { ConsoleEnv } from '../context.ts';
import type { ConsoleKit } from '../app.ts';
import type { CaseFile, CaseStatus } from '../../domain/case-file.ts';
import { CASE_STATUSES } from '../format.ts';
import { caseListPage } from '../views/case-list-page.ts';

const PAGE_SIZE = 25;

/**
 * Vorgänge: by status (and "mine"), a page at a time from the table's indexes; or a search by
 * reference, contact address or a word of the applicant's name.
 */
export function registerCaseListRoutes(app: Hono<ConsoleEnv>, kit: ConsoleKit): void {
  const { useCases } = kit.deps;
  app.get('/cases', async (c) => {
    const requested = c.req.query('status') as CaseStatus | undefined;
    const status: CaseStatus =
      requested !== undefined && CASE_STATUSES.includes(requested) ? requested : 'open';
    const mine = c.req.query('mine') === '1';
    const search = (c.req.query('q') ?? '').trim().slice(0, 200);
    const after = c.req.query('after') ?? null;
    let cases: readonly CaseFile[];
    let next: string | null = null;
    if (search !== '') cases = await find(search);
    else {
      const result = await useCases.directory.list({
        status,
        caseworker: mine ? c.get('caseworker') : null,
        pageSize: PAGE_SIZE,
        after,
      });
      cases = result.cases;
      next = result.next;
    }
    return c.html(
      caseListPage(
        {
          title: 'Vorgänge',
          caseworker: c.get('caseworker'),
          csrf: c.get('session').csrf,
          waiting: await kit.waiting(),
          current: 'cases',
          notice: kit.takeNotice(c),
        },
        { status, mine, search, cases, next, first: after === null },
        kit.deps.timeZone,
      ).value,
    );
  });

  async function find(search: string): Promise<CaseFile[]> {
    if (search.includes('@')) return useCases.cases.casesByContact(search);
    const byReference = await useCases.cases.get(search.toUpperCase());
    if (byReference !== null) return [byReference];
    return useCases.directory.byName(search.split(/\s+/)[0]!, PAGE_SIZE);
  }
}
