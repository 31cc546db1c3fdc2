import { describe, expect, it } from 'vitest';
import { en } from '../../../shared/src/i18n/en';
import { zhCN } from '../../../shared/src/i18n/zh-CN';
import { enMessages, translate, zhCNMessages, type MessageId } from '../../../shared/src/i18n/catalogue';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the Simplified Chinese catalogue', () => {
  it('has a Chinese text for every English id (core and every area)', () => {
    const missing = Object.keys(enMessages).filter((id) => {
      const zh = (zhCNMessages as Record<string, string | undefined>)[id];
      return typeof zh !== 'string' || zh.trim() === '';
    });
    expect(missing).toEqual([]);
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('keeps every placeholder of the English text', () => {
    const wrong = Object.entries(enMessages)
      .filter(([id, text]) => {
        const zh = (zhCNMessages as Record<string, string | undefined>)[id] ?? '';
        return JSON.stringify(placeholders(zh)) !== JSON.stringify(placeholders(text));
      })
      .map(([id]) => id);
    expect(wrong).toEqual([]);
  });

  it('has no id in Chinese that English lacks', () => {
    const extra = Object.keys(zhCNMessages).filter((id) => !(id in enMessages));
    expect(extra).toEqual([]);
  });

  it('translates with placeholders filled in both languages', () => {
    const id = 'overview.dataAsOf' as MessageId;
    expect(translate('en', id, { date: 'Jan 1', version: '3' })).toBe('Data as of Jan 1 · definitions v3');
    expect(translate('zh-CN', id, { date: '1月1日', version: '3' })).toBe('数据截至 1月1日 · 定义版本 v3');
  });
});
