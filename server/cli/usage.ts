// The usage line of every command, apart from the commands: printing help loads none of their dependencies.
export const DIRECTORY_USAGE =
  'plan-reporting directory draft PLAN [-o directory.json]   (then: plan parse PLAN --directory directory.json)';
export const GAS_USAGE =
  'plan-reporting gas [-o dist/gas] [--service-url https://baocao.example.gov.vn]   (default: PUBLIC_URL, else http://localhost:PORT)';
export const GOOGLE_USAGE =
  'plan-reporting google create [--plan ID] --period 2026-H1 | google link [--plan ID] --period 2026-H1 --agency ID --spreadsheet SPREADSHEET_ID   (env: GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_API_ROOT_URL, DATA_DIR)';
export const PULL_USAGE =
  'plan-reporting pull [--plan ID] --period 2026-H1   (env: GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_API_ROOT_URL, DATA_DIR)';
export const MANIFEST_USAGE =
  'plan-reporting manifest --base-url https://baocao.example.gov.vn [-o manifests/manifest.xml]';
export const MASTER_USAGE = 'plan-reporting master [--plan ID] --period 2023-H1 -o FILE.xlsx   (env: DATA_DIR=data)';
export const PLAN_USAGE =
  'plan-reporting plan parse FILE [--json] [--directory FILE] | plan import FILE   (env: DATA_DIR=data)';
export const PLANS_USAGE = 'plan-reporting plans   (env: DATA_DIR=data)';
export const REPORT_USAGE = 'plan-reporting report [--plan ID] --period 2026-Y -o bao-cao.docx   (env: DATA_DIR=data)';
export const SERVE_USAGE =
  'plan-reporting serve   (env: PORT=8080, HOST=127.0.0.1, DATA_DIR=data, PLAN_FILE=<seed plan>, TRUST_PROXY=false, CORS_ORIGINS, JSON_LIMIT_MB=2, UPLOAD_LIMIT_MB=10, UPLOAD_READ_TIMEOUT_MS=1500, REQUEST_TIMEOUT_MS=60000, GOOGLE_APPLICATION_CREDENTIALS, GOOGLE_API_ROOT_URL, GOOGLE_PULL_INTERVAL_MIN=15, GOOGLE_PUBLISH_MASTER=false)';
export const TEMPLATE_USAGE =
  'plan-reporting template [--plan FILE|ID] --period 2023-H1 (--agency ID -o FILE.xlsx | --all -o DIR) [--password P]   (a plan ID, or the only published plan, from the store under DATA_DIR; else the bundled seed)';
export const WORKBOOK_USAGE = 'plan-reporting workbook check FILE [--json] [--agency ID] [--period P]';
