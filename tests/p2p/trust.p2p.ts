import { expectAxeClean } from '../e2e/fixtures';
import {
	csv,
	expect,
	expectStat,
	inviteCreate,
	join,
	person,
	projectWithItems,
	stat,
	test
} from './fixtures';

test('signed membership: a forged schema edit is ignored and reported; a removed member is locked out', async ({
	browser,
	servers
}) => {
	test.setTimeout(900_000);
	const ada = await person(browser, servers.url, 'Ada');
	const id = await projectWithItems(ada, 'Signed', csv(30));
	const link = await inviteCreate(ada, id);
	expect(link).toMatch(/[#&]o=[0-9a-f]{16}/);
	const bo = await person(browser, servers.url, 'Bo');
	const cy = await person(browser, servers.url, 'Cy');
	await join(bo, link);
	await expect(bo.getByText(/Item \d+ of/)).toBeVisible({ timeout: 60_000 });
	await join(cy, link);
	await expect(cy.getByText(/Item \d+ of/)).toBeVisible({ timeout: 60_000 });

	// The owner's device signs Bo and Cy into the member list.
	for (const p of [ada, bo, cy]) {
		await p.goto(`${servers.url}/p/${id}/team`);
		await expect(p.getByTestId('trust-panel')).toContainText('signed by the owner', {
			timeout: 30_000
		});
		await expect(p.getByTestId('member')).toHaveCount(3, { timeout: 30_000 });
	}

	// Cy (an annotator) renames a label on the schema page: her app signs it with her key.
	await cy.goto(`${servers.url}/p/${id}/schema`);
	const cyName = cy.getByLabel('Name of label 1');
	await cyName.fill('Hacked');
	await cyName.press('Enter');
	await cyName.blur();
	for (const p of [ada, bo]) {
		await p.goto(`${servers.url}/p/${id}/team`);
		const report = p.getByTestId('trust-report').filter({ hasText: 'Cy' });
		await expect(report).toContainText('schema', { timeout: 30_000 });
		await expect(report).toContainText('needs the owner role, has annotator');
		await p.goto(`${servers.url}/p/${id}/schema`);
		await expect(p.getByLabel('Name of label 1')).toHaveValue('Good');
	}
	// Cy's own view keeps the owner's schema too.
	await cy.reload();
	await expect(cy.getByLabel('Name of label 1')).toHaveValue('Good', { timeout: 30_000 });

	// The report on the Team page, on a laptop and a phone.
	await ada.goto(`${servers.url}/p/${id}/team`);
	await expect(ada.getByTestId('trust-report').first()).toBeVisible();
	await expectAxeClean(ada, 'team page with an ignored edit');
	await ada.setViewportSize({ width: 1280, height: 800 });
	await ada.getByTestId('trust-panel').scrollIntoViewIfNeeded();
	await ada.screenshot({ path: 'test-results/trust-team-1280.png' });
	await ada.setViewportSize({ width: 375, height: 667 });
	await ada.getByTestId('trust-panel').scrollIntoViewIfNeeded();
	await ada.screenshot({ path: 'test-results/trust-team-375.png' });
	await expectAxeClean(ada, 'team page on a phone');
	await ada.setViewportSize({ width: 1280, height: 800 });

	// Ada removes Cy: Ada and Bo move to a new room.
	const labelsBefore = await stat(cy, id, 'Annotations');
	await ada.goto(`${servers.url}/p/${id}/team`);
	await ada.getByRole('button', { name: 'Remove Cy' }).click();
	await ada.getByRole('button', { name: 'Remove Cy and change the room key' }).click();
	await expect(ada.getByText('Cy was removed.')).toBeVisible({ timeout: 30_000 });
	await expect(ada.getByTestId('member')).toHaveCount(2);
	const newLink = ada.getByLabel('Invite link');
	await expect(newLink).not.toHaveValue(link, { timeout: 10_000 });
	await bo.goto(`${servers.url}/p/${id}/team`);
	await expect(bo.getByTestId('member')).toHaveCount(2, { timeout: 30_000 });
	await expect(bo.getByTestId('connection-status').first()).toContainText('Connected to 1 peer', {
		timeout: 60_000
	});
	await expect(bo.getByLabel('Invite link')).toHaveValue(await newLink.inputValue());
	await cy.goto(`${servers.url}/p/${id}/team`);
	await expect(cy.getByTestId('trust-panel')).toContainText('you were removed', {
		timeout: 30_000
	});

	// A label made after the removal reaches Bo, not Cy.
	await ada.locator(`a[href="/p/${id}/label"]`).first().click();
	await expect(ada.getByText(/Item \d+ of/)).toBeVisible();
	const before = await ada.getByTestId('done-count').textContent();
	await ada.keyboard.press('1');
	await expect(ada.getByTestId('done-count')).not.toHaveText(before ?? '');
	await expectStat(ada, id, 'Annotations', labelsBefore + 1);
	await expectStat(bo, id, 'Annotations', labelsBefore + 1);
	await cy.waitForTimeout(5000);
	expect(await stat(cy, id, 'Annotations')).toBe(labelsBefore);
});
