import { describe, expect, test } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { CombinedError } from 'urql';
import { fakeClient, renderWith } from '../../test/render';
import { KpiImport, lineProblems } from './KpiImport';
import { name } from './fixtures';

type Call = { name: string; variables: Record<string, unknown> };

const defs = {
  kpiDefinitions: [
    { code: 'CSAT', unit: 'PERCENT', direction: 'HIGHER_IS_BETTER', name: name('Customer satisfaction', '客户满意度') },
    { code: 'AHT', unit: 'SECONDS', direction: 'LOWER_IS_BETTER', name: name('Average handle time', '平均处理时长') },
  ],
};

const invalid = new CombinedError({
  graphQLErrors: [
    {
      message: 'the file has 3 problem(s) on 2 line(s); nothing was imported',
      extensions: {
        code: 'BAD_USER_INPUT',
        key: 'kpi.import.invalid',
        details: [
          { field: 'line 3: employee_no', key: 'kpi.import.employee.unknown', message: 'no employee has the number CS-9999' },
          { field: 'line 3: value', key: 'kpi.import.value.invalid', message: '"abc" is not a number' },
          { field: 'line 5', key: 'kpi.import.row.columns', message: 'the line has 4 column(s), the header 6' },
        ],
      },
    },
  ],
});

function upload(answer: unknown, lang = 'en') {
  const calls: Call[] = [];
  renderWith(<KpiImport />, { lang, client: fakeClient({ HrKpiDefinitions: defs, HrImportKpis: answer }, calls) });
  const file = new File(['employee_no,kpi,period_start,period_end,value,volume\n'], 'kpi.csv', { type: 'text/csv' });
  return { calls, file };
}

// The first render of a file is slow on a busy machine.
describe('KpiImport', { timeout: 20_000 }, () => {
  test('shows the expected columns and the KPI codes (zh-CN)', async () => {
    upload({}, 'zh-CN');
    const codes = await screen.findByRole('table', { name: 'KPI 代码' });
    expect(within(codes).getByRole('row', { name: /CSAT/ }).textContent).toContain('越高越好');
    expect(within(codes).getByRole('row', { name: /AHT/ }).textContent).toContain('平均处理时长');
    const format = screen.getByRole('table', { name: '文件格式' });
    expect(within(format).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['employee_no', 'kpi', 'period_start', 'period_end', 'value', 'volume']);
  });

  test('asks for a file, sends it, and tells how many records were imported', async () => {
    const { calls, file } = upload({ importKpis: { records: 42, evidence: 5 } });
    await screen.findByRole('table', { name: 'KPI codes' });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(screen.getByText('Choose a file.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Imported 42 records; 5 pieces of competency evidence were added.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'HrImportKpis')?.variables.file).toBe(file);
  });

  test('lists every problem by line and column (zh-CN)', async () => {
    const { file } = upload(invalid, 'zh-CN');
    await screen.findByRole('table', { name: 'KPI 代码' });
    fireEvent.change(screen.getByLabelText('CSV 文件'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: '导入' }));
    const table = await screen.findByRole('table', { name: '文件中的问题' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['3', 'employee_no', '没有该工号的员工。'],
      ['3', 'value', '不是有效数字（百分比填 0–100，不带 %）。'],
      ['5', '整行', '该行的列数与表头不一致。'],
    ]);
    expect(screen.getByText('未导入任何数据：文件中有 3 个问题，涉及 2 行。')).toBeTruthy();
  });

  test('a single problem the server does not itemise is still explained', async () => {
    const { file } = upload(new CombinedError({ graphQLErrors: [{ message: 'the file has 1 problem(s)', extensions: { code: 'BAD_USER_INPUT', key: 'kpi.import.invalid' } }] }));
    await screen.findByRole('table', { name: 'KPI codes' });
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The file has problems; nothing was imported. The server did not say on which line: check the file against the format below.',
    );
  });

  test('lineProblems reads "line N: column" fields', () => {
    expect(lineProblems(invalid).map((p) => [p.line, p.column])).toEqual([
      [3, 'employee_no'],
      [3, 'value'],
      [5, ''],
    ]);
    expect(lineProblems(new Error('x'))).toEqual([]);
  });
});
