import { toast } from './toast';

/** Copies text and confirms it with a toast; falls back to execCommand where the Clipboard API is unavailable. */
export async function copyText(text: string, what = 'Copied'): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) {
      toast('Could not copy: the browser denied clipboard access', 'error');
      return false;
    }
  }
  toast(what);
  return true;
}
