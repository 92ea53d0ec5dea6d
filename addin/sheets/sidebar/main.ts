// The Sheets sidebar's entry: the same pane as in Excel, over the Sheets host; signed-in state and every call to
// the service kept on the add-on's server side.
import type { SettingsStore } from '../../sidebar/api-client.ts';
import { Pane } from '../../sidebar/pane.ts';
import { addonServer, bridgedFetch } from './bridge.ts';
import { SheetsHost } from './sheets-host.ts';

async function start() {
  const root = document.getElementById('pane')!;
  const run = window.google?.script?.run;
  if (!run) {
    root.textContent = 'Thanh bên này chỉ chạy trong Google Sheets. / This sidebar runs inside Google Sheets only.';
    return;
  }
  const server = addonServer(run);
  const { serviceUrl } = await server.signInState();
  const settings: SettingsStore = {
    // The page keeps no code: an empty one tells the server side to use the code it stored.
    load: async () => ((await server.signInState()).signedIn ? { baseUrl: serviceUrl, code: '' } : null),
    save: (s) => server.saveSignIn(s.code),
    forget: () => server.signOut(),
  };
  const pane = new Pane({
    root,
    host: new SheetsHost(server),
    settings,
    baseUrl: serviceUrl,
    submit: { kind: 'grid', source: 'sheets-addon' },
    fetcher: bridgedFetch(server, serviceUrl),
  });
  await pane.start();
}

void start();
