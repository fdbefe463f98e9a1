// ../todomvc.feature as Playwright tests, step for step: the same scenarios and
// titles, written the way Playwright recommends (getByRole, getByText,
// getByPlaceholder, web-first assertions that retry, actions that auto-wait).
// Where a step names a CSS selector, the test uses the same selector.
// "I should see N SELECTOR elements" counts visible matches, and "I should see
// TEXT within S" reads S's rendered text (useInnerText), as Romaine does.
import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

const newTodo = (page: Page) => page.getByPlaceholder('What needs to be done?');
const todos = (page: Page) => page.locator('#todo-list li').filter({ visible: true });
const todo = (page: Page, text: string) => page.locator('#todo-list li').filter({ hasText: text }).first();
const count = (page: Page) => page.locator('#todo-count');

async function add(page: Page, ...titles: string[]) {
  for (const title of titles) {
    await newTodo(page).fill(title);
    await newTodo(page).press('Enter');
  }
}

async function pathIs(page: Page, path: string) {
  await expect(page).toHaveURL(new URL(path, page.url()).href);
}

// "I should see TEXT" holds when some visible element shows TEXT; "I should not see" when none does.
const see = (page: Page, text: string) => expect(page.getByText(text).filter({ visible: true }).first()).toBeVisible();
const notSee = (page: Page, text: string) => expect(page.getByText(text).filter({ visible: true })).toHaveCount(0);

test.describe('TodoMVC, the classic todo list', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
  });

  test('Adding todos with the Enter key updates the list and the counter', async ({ page }) => {
    await see(page, 'todos');
    await expect(page.locator('#main')).toBeHidden();
    await expect(page.locator('#footer')).toBeHidden();
    await newTodo(page).fill('Buy milk');
    await newTodo(page).press('Enter');
    await expect(page.locator('#todo-list')).toContainText('Buy milk', { useInnerText: true });
    await expect(todos(page)).toHaveCount(1);
    await expect(count(page)).toContainText('1 item left', { useInnerText: true });
    await expect(newTodo(page)).toBeEmpty();
    await expect(page.locator('#footer')).toBeVisible();
    await newTodo(page).fill('Walk the dog');
    await newTodo(page).press('Enter');
    await expect(page.locator('#todo-list')).toContainText('Walk the dog', { useInnerText: true });
    await expect(todos(page)).toHaveCount(2);
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
    await expect(newTodo(page)).toBeEmpty();
    // Enter on the now-empty field must not add a blank todo
    await newTodo(page).press('Enter');
    await expect(todos(page)).toHaveCount(2);
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
    await notSee(page, 'Clear completed');
  });

  test('Completing a todo with its toggle, and un-completing it again', async ({ page }) => {
    await add(page, 'Buy milk', 'Walk the dog');
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
    await todo(page, 'Buy milk').getByRole('checkbox').check();
    await expect(todo(page, 'Buy milk').getByRole('checkbox')).toBeChecked();
    await expect(todo(page, 'Walk the dog').getByRole('checkbox')).not.toBeChecked();
    await expect(page.locator('#todo-list li.completed').filter({ visible: true })).toHaveCount(1);
    await expect(page.locator('#todo-list li.completed')).toContainText('Buy milk', { useInnerText: true });
    await expect(count(page)).toContainText('1 item left', { useInnerText: true });
    await see(page, 'Clear completed (1)');
    await todo(page, 'Buy milk').getByRole('checkbox').uncheck();
    await expect(todo(page, 'Buy milk').getByRole('checkbox')).not.toBeChecked();
    await expect(page.locator('#todo-list li.completed').filter({ visible: true })).toHaveCount(0);
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
    await notSee(page, 'Clear completed');
  });

  test('Filtering with the All, Active and Completed links', async ({ page }) => {
    await add(page, 'Buy milk', 'Walk the dog', 'Pay rent');
    await todo(page, 'Walk the dog').getByRole('checkbox').check();
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
    await page.getByRole('link', { name: 'Active', exact: true }).click();
    await pathIs(page, '/#/active');
    await expect(page.locator('#filters a.selected')).toContainText('Active', { useInnerText: true });
    await expect(todos(page)).toHaveCount(2);
    await expect(page.locator('#todo-list')).toContainText('Buy milk', { useInnerText: true });
    await expect(page.locator('#todo-list')).toContainText('Pay rent', { useInnerText: true });
    await notSee(page, 'Walk the dog');
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
    await page.getByRole('link', { name: 'Completed', exact: true }).click();
    await pathIs(page, '/#/completed');
    await expect(page.locator('#filters a.selected')).toContainText('Completed', { useInnerText: true });
    await expect(todos(page)).toHaveCount(1);
    await expect(page.locator('#todo-list')).toContainText('Walk the dog', { useInnerText: true });
    await notSee(page, 'Buy milk');
    await notSee(page, 'Pay rent');
    // the counter counts active todos whatever the filter
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
    await page.goBack();
    await pathIs(page, '/#/active');
    await expect(page.locator('#filters a.selected')).toContainText('Active', { useInnerText: true });
    await expect(todos(page)).toHaveCount(2);
    await notSee(page, 'Walk the dog');
    await page.getByRole('link', { name: 'All', exact: true }).click();
    await pathIs(page, '/#/');
    await expect(page.locator('#filters a.selected')).toContainText('All', { useInnerText: true });
    await expect(todos(page)).toHaveCount(3);
  });

  test('Clearing completed todos', async ({ page }) => {
    await add(page, 'Buy milk', 'Walk the dog', 'Pay rent');
    await todo(page, 'Buy milk').getByRole('checkbox').check();
    await todo(page, 'Pay rent').getByRole('checkbox').check();
    await see(page, 'Clear completed (2)');
    await expect(page.locator('#todo-list li.completed').filter({ visible: true })).toHaveCount(2);
    await expect(count(page)).toContainText('1 item left', { useInnerText: true });
    await page.getByRole('button', { name: 'Clear completed' }).click();
    await expect(todos(page)).toHaveCount(1);
    await expect(page.locator('#todo-list')).toContainText('Walk the dog', { useInnerText: true });
    await notSee(page, 'Buy milk');
    await notSee(page, 'Pay rent');
    await expect(page.locator('#todo-list li.completed').filter({ visible: true })).toHaveCount(0);
    await expect(count(page)).toContainText('1 item left', { useInnerText: true });
    await expect(page.locator('#clear-completed')).toBeHidden();
  });

  test('Editing a todo by double-clicking it and pressing Enter', async ({ page }) => {
    await add(page, 'Buy milk', 'Walk the dog');
    await page.getByText('Buy milk', { exact: true }).dblclick();
    const editing = page.locator('#todo-list li.editing');
    await expect(editing.filter({ visible: true })).toHaveCount(1);
    await expect(page.locator('#todo-list li.editing .edit')).toBeVisible();
    const edit = editing.getByRole('textbox');
    await expect(edit).toHaveValue(/Buy milk/);
    await edit.fill('Buy oat milk');
    await edit.press('Enter');
    await expect(editing.filter({ visible: true })).toHaveCount(0);
    await expect(page.locator('#todo-list')).toContainText('Buy oat milk', { useInnerText: true });
    await notSee(page, 'Buy milk');
    await expect(todos(page)).toHaveCount(2);
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
  });

  test('Escape abandons an edit, and saving an empty title deletes the todo', async ({ page }) => {
    await add(page, 'Buy milk', 'Walk the dog');
    await page.getByText('Walk the dog', { exact: true }).dblclick();
    const editing = page.locator('#todo-list li.editing');
    await editing.getByRole('textbox').fill('Walk the cat');
    await editing.getByRole('textbox').press('Escape');
    await expect(editing.filter({ visible: true })).toHaveCount(0);
    await expect(page.locator('#todo-list')).toContainText('Walk the dog', { useInnerText: true });
    await notSee(page, 'Walk the cat');
    await page.getByText('Buy milk', { exact: true }).dblclick();
    await editing.getByRole('textbox').clear();
    await editing.getByRole('textbox').press('Enter');
    await expect(todos(page)).toHaveCount(1);
    await notSee(page, 'Buy milk');
    await expect(count(page)).toContainText('1 item left', { useInnerText: true });
  });

  test('Removing todos with the destroy button that appears on hover', async ({ page }) => {
    await newTodo(page).click();
    await page.keyboard.type('Buy milk');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Walk the dog');
    await page.keyboard.press('Enter');
    await expect(todos(page)).toHaveCount(2);
    await expect(todo(page, 'Buy milk').locator('.destroy')).toBeHidden();
    await page.getByText('Buy milk', { exact: true }).hover();
    await expect(todo(page, 'Buy milk').locator('.destroy')).toBeVisible();
    await todo(page, 'Buy milk').locator('.destroy').click();
    await notSee(page, 'Buy milk');
    await expect(todos(page)).toHaveCount(1);
    await expect(count(page)).toContainText('1 item left', { useInnerText: true });
    await page.getByText('Walk the dog', { exact: true }).hover();
    await todo(page, 'Walk the dog').locator('.destroy').click();
    await expect(todos(page)).toHaveCount(0);
    await notSee(page, 'Walk the dog');
    await expect(page.locator('#footer')).toBeHidden();
  });

  test('Todos, their state and the filter survive a reload; toggle-all marks everything', async ({ page }) => {
    await add(page, 'Buy milk', 'Walk the dog');
    await todo(page, 'Buy milk').getByRole('checkbox').check();
    await page.reload();
    await expect(todos(page)).toHaveCount(2);
    await expect(todo(page, 'Buy milk').getByRole('checkbox')).toBeChecked();
    await expect(todo(page, 'Walk the dog').getByRole('checkbox')).not.toBeChecked();
    await expect(count(page)).toContainText('1 item left', { useInnerText: true });
    await page.goto('/#/completed');
    await expect(todos(page)).toHaveCount(1);
    await expect(page.locator('#todo-list')).toContainText('Buy milk', { useInnerText: true });
    await page.reload();
    await pathIs(page, '/#/completed');
    await expect(page.locator('#filters a.selected')).toContainText('Completed', { useInnerText: true });
    await expect(todos(page)).toHaveCount(1);
    await notSee(page, 'Walk the dog');
    await page.goto('/#/');
    await expect(todos(page)).toHaveCount(2);
    await page.locator('#toggle-all').check();
    await expect(count(page)).toContainText('0 items left', { useInnerText: true });
    await expect(page.locator('#todo-list li.completed').filter({ visible: true })).toHaveCount(2);
    await expect(page.locator('#toggle-all')).toBeChecked();
    await page.locator('#toggle-all').uncheck();
    await expect(count(page)).toContainText('2 items left', { useInnerText: true });
    await expect(page.locator('#todo-list li.completed').filter({ visible: true })).toHaveCount(0);
    await expect(page.locator('#toggle-all')).not.toBeChecked();
  });
});
