// The Excel task pane's entry: waits for Office.js, then runs the sidebar over the Excel host.
import { browserSettings } from '../sidebar/api-client.ts';
import { Pane } from '../sidebar/pane.ts';
import { ExcelHost } from './excel-host.ts';

Office.onReady(() => {
  const host = new ExcelHost({
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
  });
  const pane = new Pane({
    root: document.getElementById('pane')!,
    host,
    settings: browserSettings(window.localStorage),
    baseUrl: window.location.origin,
    submit: { kind: 'grid', source: 'excel-addin' },
  });
  void pane.start();
});
