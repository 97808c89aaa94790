// Collections and multi-select in the window (issue 13 §1), in Chromium over the real core: a
// collection made in the sidebar, sessions dragged onto it, its own order changed by drag and kept
// in the core, Shift/Ctrl-click and Ctrl+A, bulk status, tag and delete with one Undo, the row menu
// and the detail panel's Collections, rename and delete, and a search saved as a smart collection
// that updates itself.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { Collection } from '../../src/shared/domain';
import { closeBrowser, startApp, type E2eApp } from './harness';
import { apiSession, byTestId, rowOf, selectRow } from './window-helpers';

let app: E2eApp | null = null;

/** expect.poll for up to 5 s: on a busy shared machine a first page or a drop can take over a second. */
function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 5000 });
}
afterEach(async () => {
  await app?.close();
  app = null;
});
afterAll(closeBrowser);

const TITLES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];

/** The window over five sessions; ids by title. */
async function startWithSessions(): Promise<{ app: E2eApp; ids: Record<string, string> }> {
  const ids: Record<string, string> = {};
  const started = await startApp({
    seed: (core) => {
      for (const title of TITLES) ids[title] = core.sessions.create({ title }).id;
    },
  });
  await eventually(() => byTestId(started, 'session-row').count()).toBe(TITLES.length);
  return { app: started, ids };
}

function collectionItem(e2e: E2eApp, name: string): Locator {
  return e2e.page.locator('[data-testid="collection-item"]', { hasText: name });
}

function collectionNamed(e2e: E2eApp, name: string): Collection | undefined {
  return e2e.core.collections.list().find((collection) => collection.name === name);
}

/** The count a sidebar collection shows. */
async function shownCount(e2e: E2eApp, name: string): Promise<string> {
  return collectionItem(e2e, name).getByTestId('collection-count').innerText();
}

/** The ids the list shows, top to bottom. */
async function listedIds(e2e: E2eApp): Promise<string[]> {
  const rows = e2e.page.locator('[data-testid="session-row"]');
  const entries = await rows.evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.getAttribute('data-session-id') ?? '',
      top: element.getBoundingClientRect().top,
    })),
  );
  return entries.sort((a, b) => a.top - b.top).map((entry) => entry.id);
}

/** The ids the list's rows mark as selected. */
async function selectedIds(e2e: E2eApp): Promise<string[]> {
  return e2e.page
    .locator('[data-testid="session-row"][aria-selected="true"]')
    .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-session-id') ?? ''));
}

/** A manual collection's members in its own order, as the core lists them. */
function ownOrder(e2e: E2eApp, collectionId: string): string[] {
  return e2e.core.sessions.list({ collection: collectionId, limit: 100 }).data.map((session) => session.id);
}

async function createCollection(e2e: E2eApp, name: string): Promise<Collection> {
  await byTestId(e2e, 'collection-new').click();
  const input = byTestId(e2e, 'collection-name-input');
  await input.fill(name);
  await input.press('Enter');
  await eventually(() => collectionItem(e2e, name).count()).toBe(1);
  return collectionNamed(e2e, name)!;
}

describe('collections by drag', () => {
  it('makes a collection, takes two sessions dragged onto it, shows them and keeps a reorder by drag', async () => {
    const started = await startWithSessions();
    app = started.app;
    const { ids } = started;

    const album = await createCollection(app, 'Album');
    expect(album.kind).toBe('manual');
    expect(await shownCount(app, 'Album')).toBe('0');
    // Sessions are not in any collection yet: the detail panel says so.
    await selectRow(app, ids.Alpha!);
    await eventually(() => byTestId(app!, 'detail-collections').innerText()).toContain('In no collection');

    // Two sessions selected (Ctrl-click), the pair dragged by one of them.
    await rowOf(app, ids.Charlie!).click({ modifiers: ['Control'] });
    await eventually(() => byTestId(app!, 'bulk-count').innerText()).toBe('2 selected');
    const order = await listedIds(app);
    // Dragged by hand, to see the collection light up while the pair hovers over it.
    await rowOf(app, ids.Charlie!).hover();
    await app.page.mouse.down();
    const target = (await collectionItem(app, 'Album').boundingBox())!;
    await app.page.mouse.move(target.x + 40, target.y + target.height / 2, { steps: 8 });
    await eventually(() => collectionItem(app!, 'Album').getAttribute('data-drop-target')).toBe('true');
    await app.page.mouse.up();
    await eventually(() => collectionItem(app!, 'Album').getAttribute('data-drop-target')).toBeNull();

    await eventually(() => shownCount(app!, 'Album')).toBe('2');
    expect(collectionNamed(app, 'Album')!.sessionCount).toBe(2);
    // Added in the list's order, whichever row was held.
    const expected = order.filter((id) => id === ids.Alpha || id === ids.Charlie);
    expect(ownOrder(app, album.id)).toEqual(expected);

    // The collection's view: its sessions in its own order, "Collection order" chosen.
    await collectionItem(app, 'Album').click();
    await eventually(() => listedIds(app!)).toEqual(expected);
    expect(await byTestId(app, 'sort-select').inputValue()).toBe('');
    expect(await collectionItem(app, 'Album').getAttribute('aria-current')).toBe('true');

    // Drag the second onto the top half of the first: the order is reversed, and kept in the core.
    const [first, second] = expected as [string, string];
    await rowOf(app, second).dragTo(rowOf(app, first), { targetPosition: { x: 120, y: 6 } });
    await eventually(() => ownOrder(app!, album.id)).toEqual([second, first]);
    await eventually(() => listedIds(app!)).toEqual([second, first]);
  });

  it('does the same in the grid: Shift-click, a drag onto the collection, a reorder by drag', async () => {
    const started = await startWithSessions();
    app = started.app;
    const folder = await createCollection(app, 'Grid picks');
    await byTestId(app, 'view-grid').click();
    await eventually(() => app!.page.locator('.session-card').count()).toBe(TITLES.length);
    const cards = app.page.locator('.session-card');
    const first = (await cards.nth(0).getAttribute('data-session-id'))!;
    const third = (await cards.nth(2).getAttribute('data-session-id'))!;
    const middle = (await cards.nth(1).getAttribute('data-session-id'))!;

    await cards.nth(0).click();
    await cards.nth(2).click({ modifiers: ['Shift'] });
    await eventually(() => byTestId(app!, 'bulk-count').innerText()).toBe('3 selected');
    await cards.nth(2).dragTo(collectionItem(app, 'Grid picks'));
    await eventually(() => ownOrder(app!, folder.id)).toEqual([first, middle, third]);

    // In the collection's grid, the last card dropped on the left half of the first goes first.
    await collectionItem(app, 'Grid picks').click();
    await eventually(() => cards.count()).toBe(3);
    await app.page.keyboard.press('Escape');
    await cards.nth(2).dragTo(cards.nth(0), { targetPosition: { x: 8, y: 60 } });
    await eventually(() => ownOrder(app!, folder.id)).toEqual([third, first, middle]);
  });

  it('adds from the row menu and the detail panel, takes out with ×; a smart collection refuses drops', async () => {
    const started = await startWithSessions();
    app = started.app;
    const { ids } = started;
    const mix = await createCollection(app, 'Mix notes');
    await app.core.collections.create({ name: 'Mixing now', query: { status: 'mixing' } });
    await eventually(() => collectionItem(app!, 'Mixing now').count()).toBe(1);
    expect(await collectionItem(app, 'Mixing now').getAttribute('data-kind')).toBe('smart');

    // Right-click → Add to collection ▸ → Mix notes.
    await rowOf(app, ids.Delta!).click({ button: 'right' });
    await byTestId(app, 'menu-add-to').click();
    await app.page.locator('[data-testid="menu-add-to-collection"]', { hasText: 'Mix notes' }).click();
    await eventually(() => shownCount(app!, 'Mix notes')).toBe('1');
    expect(ownOrder(app, mix.id)).toEqual([ids.Delta]);

    // The detail panel lists it; "Add to collection" there adds another session.
    await selectRow(app, ids.Delta!);
    await eventually(() => byTestId(app!, 'detail-collection').allInnerTexts()).toEqual(['Mix notes']);
    await selectRow(app, ids.Echo!);
    await byTestId(app, 'detail-add-to-collection').click();
    await app.page.locator('[data-testid="menu-add-to-collection"]', { hasText: 'Mix notes' }).click();
    await eventually(() => ownOrder(app!, mix.id)).toEqual([ids.Delta, ids.Echo]);
    await eventually(() => byTestId(app!, 'detail-collection').count()).toBe(1);

    // Set status from the menu: the smart collection now finds it, and the panel says so.
    await rowOf(app, ids.Echo!).click({ button: 'right' });
    await byTestId(app, 'menu-set-status').click();
    await byTestId(app, 'menu-status-mixing').click();
    await eventually(async () => (await apiSession(app!, ids.Echo!))?.status).toBe('mixing');
    await eventually(() => shownCount(app!, 'Mixing now')).toBe('1');
    await eventually(() =>
      byTestId(app!, 'detail-collection').evaluateAll((els) => els.map((el) => el.getAttribute('data-kind'))),
    ).toEqual(['manual', 'smart']);

    // × takes it out of the manual one (the smart one has none).
    await app.page
      .locator(
        '[data-testid="detail-collection"][data-kind="manual"] [data-testid="detail-collection-remove"]',
      )
      .click();
    await eventually(() => ownOrder(app!, mix.id)).toEqual([ids.Delta]);
    expect(
      await app.page
        .locator(
          '[data-testid="detail-collection"][data-kind="smart"] [data-testid="detail-collection-remove"]',
        )
        .count(),
    ).toBe(0);

    // A drag onto the smart collection adds nothing.
    await rowOf(app, ids.Alpha!).dragTo(collectionItem(app, 'Mixing now'));
    await rowOf(app, ids.Alpha!).dragTo(collectionItem(app, 'Mix notes'));
    await eventually(() => shownCount(app!, 'Mix notes')).toBe('2');
    expect(collectionNamed(app, 'Mixing now')!.sessionCount).toBe(1);
  });

  it('renames by double-click and deletes with a confirmation that keeps the sessions', async () => {
    const started = await startWithSessions();
    app = started.app;
    const { ids } = started;
    const demo = await createCollection(app, 'Demo');
    app.core.collections.addSessions(demo.id, { sessionIds: [ids.Alpha, ids.Bravo] });
    await eventually(() => shownCount(app!, 'Demo')).toBe('2');

    // A name that is taken is refused in the field, with main's reason.
    await createCollection(app, 'Other');
    await collectionItem(app, 'Demo').dblclick();
    const input = byTestId(app, 'collection-name-input');
    await input.fill('other');
    await input.press('Enter');
    await eventually(() => byTestId(app!, 'collection-name-error').innerText()).toContain('must be unique');
    await input.fill('Demo tracks');
    await input.press('Enter');
    await eventually(() => collectionNamed(app!, 'Demo tracks')?.id).toBe(demo.id);

    // Moved down from the menu: the sidebar follows the core's order.
    await collectionItem(app, 'Demo tracks').click({ button: 'right' });
    await byTestId(app, 'collection-move-down').click();
    await eventually(() => app!.core.collections.list().map((c) => c.name)).toEqual(['Other', 'Demo tracks']);
    await eventually(() =>
      app!.page.locator('[data-testid="collection-item"] .sidebar-item__label').allInnerTexts(),
    ).toEqual(['Other', 'Demo tracks']);

    await collectionItem(app, 'Demo tracks').click();
    await eventually(() => byTestId(app!, 'session-row').count()).toBe(2);
    await collectionItem(app, 'Demo tracks').click({ button: 'right' });
    await byTestId(app, 'collection-delete').click();
    const dialog = byTestId(app, 'confirm-dialog');
    expect(await dialog.innerText()).toContain('its 2 sessions stay in your library');
    await byTestId(app, 'confirm-accept').click();
    await eventually(() => collectionItem(app!, 'Demo tracks').count()).toBe(0);
    // The view it showed is gone: every session again, none deleted.
    await eventually(() => byTestId(app!, 'session-row').count()).toBe(TITLES.length);
    expect(app.core.sessions.list({}).meta.total).toBe(TITLES.length);
  });
});

describe('multi-select and bulk actions', () => {
  it('selects with Shift- and Ctrl-click, sets the status and adds a tag to all of them', async () => {
    const started = await startWithSessions();
    app = started.app;
    const order = await listedIds(app);
    const [a, b, c, d, e] = order as [string, string, string, string, string];

    await selectRow(app, b);
    await rowOf(app, d).click({ modifiers: ['Shift'] });
    await eventually(() => selectedIds(app!)).toEqual([b, c, d]);
    // Ctrl-click takes one out and puts another in.
    await rowOf(app, c).click({ modifiers: ['Control'] });
    await rowOf(app, e).click({ modifiers: ['Control'] });
    await eventually(() => selectedIds(app!)).toEqual([b, d, e]);
    expect(await byTestId(app, 'bulk-count').innerText()).toBe('3 selected');
    expect(await byTestId(app, 'selection-summary-count').innerText()).toBe('3 sessions selected');

    await byTestId(app, 'bulk-set-status').click();
    await byTestId(app, 'menu-status-mastering').click();
    for (const id of [b, d, e])
      await eventually(async () => (await apiSession(app!, id))?.status).toBe('mastering');
    expect((await apiSession(app, a))?.status).not.toBe('mastering');
    expect((await apiSession(app, c))?.status).not.toBe('mastering');

    // The detail panel's copy of the actions works the same: a tag for all three.
    await byTestId(app, 'panel-bulk-add-tag').click();
    await byTestId(app, 'panel-bulk-tag-input').fill('client-x');
    await byTestId(app, 'panel-bulk-tag-input').press('Enter');
    for (const id of [b, d, e])
      await eventually(async () => (await apiSession(app!, id))?.tags).toEqual(['client-x']);
    expect((await apiSession(app, c))?.tags).toEqual([]);

    // …and Remove tag ▾ lists it and takes it off again.
    await byTestId(app, 'bulk-remove-tag').click();
    await app.page.locator('[data-testid="menu-remove-tag"]', { hasText: 'client-x' }).click();
    for (const id of [b, d, e]) await eventually(async () => (await apiSession(app!, id))?.tags).toEqual([]);

    // Esc clears the selection.
    await app.page.keyboard.press('Escape');
    await eventually(() => selectedIds(app!)).toEqual([]);
    expect(await byTestId(app, 'bulk-bar').count()).toBe(0);
  });

  it('Ctrl+A selects every session of the view; Delete removes them and one Undo brings all back', async () => {
    const started = await startWithSessions();
    app = started.app;
    const { ids } = started;
    const keep = await createCollection(app, 'Keep');
    app.core.collections.addSessions(keep.id, { sessionIds: [ids.Bravo, ids.Delta, ids.Alpha] });

    await selectRow(app, ids.Alpha!);
    await app.page.keyboard.press('Control+a');
    await eventually(() => selectedIds(app!).then((s) => s.length)).toBe(TITLES.length);
    expect(await byTestId(app, 'bulk-count').innerText()).toBe('5 selected');
    await app.page.keyboard.press('Escape');

    // Three of them, deleted at once.
    await selectRow(app, ids.Alpha!);
    await rowOf(app, ids.Bravo!).click({ modifiers: ['Control'] });
    await rowOf(app, ids.Delta!).click({ modifiers: ['Control'] });
    await app.page.keyboard.press('Delete');
    expect(await byTestId(app, 'confirm-dialog').innerText()).toContain('Delete 3 sessions?');
    await byTestId(app, 'confirm-accept').click();
    await eventually(() => byTestId(app!, 'session-row').count()).toBe(2);
    expect(app.core.sessions.list({}).meta.total).toBe(2);
    expect(collectionNamed(app, 'Keep')!.sessionCount).toBe(0);

    await byTestId(app, 'toast-undo').click();
    await eventually(() => byTestId(app!, 'session-row').count()).toBe(TITLES.length);
    for (const title of ['Alpha', 'Bravo', 'Delta'])
      expect((await apiSession(app, ids[title]!))?.title).toBe(title);
    // Back in their collection, in the order they had there.
    expect(ownOrder(app, keep.id)).toEqual([ids.Bravo, ids.Delta, ids.Alpha]);
    // And selected again, as they were.
    await eventually(() => selectedIds(app!).then((s) => s.sort())).toEqual(
      [ids.Alpha!, ids.Bravo!, ids.Delta!].sort(),
    );
  });
});

describe('smart collections', () => {
  it('saves a search as a smart collection that updates itself when a matching session is created', async () => {
    const started = await startApp({
      seed: (core) => {
        core.sessions.create({ title: 'Drum loops', status: 'mixing', tags: ['drums'] });
        core.sessions.create({ title: 'Drum fills', status: 'draft', tags: ['drums'] });
        core.sessions.create({ title: 'Piano', status: 'mixing' });
      },
    });
    app = started;
    await eventually(() => byTestId(app!, 'session-row').count()).toBe(3);
    // No search yet: nothing to save.
    expect(await byTestId(app, 'save-smart-collection').count()).toBe(0);

    await byTestId(app, 'search-input').fill('drum');
    await app.page.locator('[data-testid="filter-status-mixing"]').click();
    await eventually(() => byTestId(app!, 'session-row').count()).toBe(1);
    await byTestId(app, 'save-smart-collection').click();
    const input = byTestId(app, 'collection-name-input');
    expect(await input.inputValue()).toBe('“drum” · Mixing');
    await input.fill('Drums to mix');
    await input.press('Enter');

    await eventually(() => collectionItem(app!, 'Drums to mix').count()).toBe(1);
    const smart = collectionNamed(app, 'Drums to mix')!;
    expect(smart.kind).toBe('smart');
    expect(smart.query).toEqual({ q: 'drum', status: 'mixing' });
    expect(await shownCount(app, 'Drums to mix')).toBe('1');
    // Saved, the view is the collection itself.
    expect(await collectionItem(app, 'Drums to mix').getAttribute('aria-current')).toBe('true');
    expect(await byTestId(app, 'search-input').inputValue()).toBe('');

    const created = await app.apiRequest('POST', '/sessions', { title: 'Drum bus', status: 'mixing' });
    expect(created.status).toBe(201);
    await eventually(() => shownCount(app!, 'Drums to mix')).toBe('2');
    await eventually(() => byTestId(app!, 'session-row').count()).toBe(2);
    // One that does not match changes nothing.
    await app.apiRequest('POST', '/sessions', { title: 'Drum solo', status: 'done' });
    await app.page.waitForTimeout(600);
    expect(await shownCount(app, 'Drums to mix')).toBe('2');
  });
});
