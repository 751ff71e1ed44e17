/**
 * The UI in the browser's language: with Spanish first in the browser, the main navigation and
 * the annotator screen (on a 375×667 touch phone) speak Spanish, marked lang="es", axe-clean;
 * the rest of the app stays English until it is translated.
 */
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { importFiles, projectCreate } from './pages';

const CSV = 'tests/fixtures/import/reviews.csv';

test.describe('Spanish browser on a phone', () => {
	test.use({
		viewport: { width: 375, height: 667 },
		hasTouch: true,
		isMobile: true,
		locale: 'es-ES'
	});

	test('main navigation and the annotator screen in Spanish', async ({ page, app }) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		const nav = page.getByRole('navigation', { name: 'Principal' });
		await expect(nav.getByRole('link', { name: 'Proyectos' })).toHaveAttribute('lang', 'es');
		await expect(nav.getByRole('link', { name: 'Ajustes' })).toBeVisible();
		const id = await projectCreate(page, 'Reseñas', 'positive, negative');
		await importFiles(page, [CSV], { textField: 'text' });
		await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
		await page.goto(`${app.url}/p/${id}/label`);
		await page.getByRole('button', { name: 'Annotator mode' }).click();
		const screen = page.locator('[data-annotator-mode]');
		await expect(screen).toHaveAttribute('lang', 'es');
		await expect(screen).toContainText(/Elemento 1 de [\d.]+ · hechos/);
		await page.getByRole('button', { name: 'positive' }).tap();
		await expect(page.getByTestId('done-count')).toHaveText('1');
		await page.getByRole('button', { name: /Atrás/ }).tap();
		await expect(page.getByRole('button', { name: 'Deshacer' })).toBeEnabled();
		await page.getByRole('button', { name: 'Menú' }).tap();
		const menu = page.getByRole('dialog', { name: 'Menú' });
		await expect(menu).toHaveAttribute('lang', 'es');
		await menu.getByRole('button', { name: 'Mi progreso' }).tap();
		const progress = page.getByRole('dialog', { name: 'Mi progreso' });
		await expect(progress.getByTestId('done-today')).toHaveText('1');
		await expect(progress.getByTestId('streak')).toHaveText('1 día seguido');
		await expectAxeClean(page, 'annotator screen in Spanish');
		await progress.getByRole('button', { name: 'Close' }).tap();
		await expect(page.getByRole('button', { name: 'Comentarios: ninguno aún' })).toBeVisible();
	});
});
