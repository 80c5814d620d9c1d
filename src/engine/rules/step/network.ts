import type { Cmd, RawCommand } from '../../shell/command.js';
import { parseArgs, type ParsedArgs } from '../../shell/options.js';
import { resolvePath } from '../../shell/paths.js';
import { display, UNKNOWN, type WordValue } from '../../shell/words.js';
import type { Reason } from '../../types.js';
import { judgeApiCall } from './api.js';
import { reason, type RuleContext } from './context.js';
import { credentialInPath } from './credential-paths.js';
import { devTcpHost, looksLikeUrl, parseTarget } from './hosts.js';
import { writeTarget } from './writes.js';

/**
 * `step:network` (red to hosts off the allow list), `step:exfiltration` (uploads of files or the
 * environment) and the HTTP side of `step:api-write` / `step:approve` / `step:delete`.
 */

export const FETCHERS = new Set(['curl', 'wget', 'http', 'https', 'httpie', 'xh', 'aria2c', 'fetch', 'lynx', 'links', 'w3m', 'curlie']);
export const NETWORK_TOOLS = new Set([
  ...FETCHERS, 'nc', 'ncat', 'netcat', 'socat', 'telnet', 'ssh', 'scp', 'sftp', 'rsync', 'ftp', 'tftp', 'lftp', 'sshpass', 'mosh',
  'openssl', 'ping', 'dig', 'nslookup', 'host', 'whois', 'traceroute', 'nmap', 'smbclient', 'rclone', 'mail', 'sendmail', 'mutt', 'torsocks', 'proxychains', 'proxychains4',
]);

function hostReason(cmd: Cmd, host: string | null, text: string, rc: RuleContext, what: string): Reason | null {
  if (host === null) return reason('step:network', 'red', cmd, `${what} \`${text.split(UNKNOWN).join('…')}\`, a target with an unknown expansion: the host cannot be checked`);
  if (rc.allowHost(host)) return null;
  return reason('step:network', 'red', cmd, `${what} ${host}, which is not on the network allow list (add it to network.allow if it is trusted)`);
}

/** Does a command of this pipeline read credentials or the environment (`env`, `cat .env`)? */
export function readsSecrets(raws: readonly RawCommand[]): boolean {
  for (const r of raws) {
    const name = r.words[0]?.text ?? '';
    const base = name.split('/').pop() ?? name;
    if ((base === 'env' || base === 'printenv') && r.words.length <= 2) return true;
    if (base === 'set' && r.words.length === 1) return true;
    for (const w of r.words.slice(1)) if (credentialInPath(w.text)) return true;
    for (const x of r.redirects) if (x.target && credentialInPath(x.target.text)) return true;
  }
  return false;
}

const CURL_VALUES = [
  '-o', '--output', '-X', '--request', '-H', '--header', '-d', '--data', '--data-binary', '--data-raw', '--data-ascii', '--data-urlencode', '--json',
  '-F', '--form', '--form-string', '-T', '--upload-file', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-c', '--cookie-jar',
  '-w', '--write-out', '-x', '--proxy', '--resolve', '--connect-to', '-K', '--config', '--url', '-m', '--max-time', '--connect-timeout', '-r', '--range',
  '-E', '--cert', '--key', '--cacert', '--capath', '-U', '--proxy-user', '--retry', '--retry-delay', '--retry-max-time', '-y', '--speed-time', '-Y',
  '--speed-limit', '--limit-rate', '-z', '--time-cond', '--max-redirs', '--interface', '--dns-servers', '--doh-url', '--preproxy', '--oauth2-bearer',
  '--output-dir', '--create-dirs-mode', '-D', '--dump-header', '--trace', '--trace-ascii', '--stderr', '-Q', '--quote', '--hostpubmd5', '--pass', '--unix-socket', '--abstract-unix-socket', '--variable', '--expand-url',
];
const CURL_ALIASES: Record<string, string> = {
  '-o': '--output', '-X': '--request', '-H': '--header', '-d': '--data', '-F': '--form', '-T': '--upload-file', '-x': '--proxy', '-K': '--config',
  '-O': '--remote-name', '-G': '--get', '-I': '--head', '-u': '--user', '-D': '--dump-header',
};

function urlPath(text: string): string {
  const t = parseTarget(text);
  return t.url ? t.url.pathname : '';
}

function remoteBaseName(text: string): string | null {
  const p = urlPath(text).split('/').filter(Boolean).pop();
  return p ? decodeURIComponent(p) : null;
}

function recordDownload(cmd: Cmd, file: WordValue, rc: RuleContext): void {
  if (!file.known) return;
  const r = resolvePath(file.text, cmd.cwd, rc.ctx);
  rc.state.downloads.add(`${r.place}:${r.path}`);
}

export function isDownloaded(cmd: Cmd, file: WordValue, rc: RuleContext): boolean {
  if (!file.known || rc.state.downloads.size === 0) return false;
  const r = resolvePath(file.text, cmd.cwd, rc.ctx);
  return rc.state.downloads.has(`${r.place}:${r.path}`);
}

function stdoutFile(cmd: Cmd): WordValue | null {
  for (const r of cmd.redirects) if (r.kind === 'file' && (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>') && (r.fd === null || r.fd === '1') && r.target) return r.target;
  return null;
}

function exfiltrationFromPipe(cmd: Cmd, uploadsStdin: boolean): Reason[] {
  if (cmd.stdin === 'pipe' && readsSecrets(cmd.raw.upstream)) {
    return [reason('step:exfiltration', 'red', cmd, 'sends credentials or the environment read earlier in the pipeline over the network')];
  }
  if (uploadsStdin && cmd.stdin !== null) return [reason('step:exfiltration', 'red', cmd, 'uploads its standard input')];
  return [];
}

function credentialUploads(cmd: Cmd, rc: RuleContext): Reason[] {
  for (const w of cmd.args) {
    for (const s of w.substitutions) {
      if (readsSecrets(rc.commandsWithin(s))) {
        return [reason('step:exfiltration', 'red', cmd, 'sends the output of a command that reads the environment or credentials')];
      }
    }
  }
  return [];
}

function curl(cmd: Cmd, rc: RuleContext): Reason[] {
  const p = parseArgs(cmd.args, { values: CURL_VALUES, aliases: CURL_ALIASES });
  const out: Reason[] = [];
  const urls = [...p.positionals, ...p.options.filter((o) => o.name === '--url' && o.value).map((o) => o.value as WordValue)];
  let method = 'GET';
  const body: string[] = [];
  let hiddenBody = false;
  let explicitMethod = false;
  for (const o of p.options) {
    const v = o.value?.text ?? '';
    switch (o.name) {
      case '--request':
        method = o.value?.known ? v.toUpperCase() : 'UNKNOWN';
        explicitMethod = true;
        break;
      case '--data':
      case '--data-binary':
      case '--data-ascii':
      case '--data-urlencode':
      case '--json':
        if (!explicitMethod) method = 'POST';
        if (v.startsWith('@') || v.includes('=@') || (o.name === '--data-urlencode' && /^[^=]*@/.test(v))) {
          out.push(reason('step:exfiltration', 'red', cmd, `uploads the file \`${o.value ? display(o.value) : ''}\` (${o.name} @file)`));
          hiddenBody = true;
        } else if (!o.value?.known) hiddenBody = true;
        body.push(...v.split('&'));
        if (o.value) body.push(v);
        break;
      case '--data-raw':
        if (!explicitMethod) method = 'POST';
        body.push(...v.split('&'), v);
        break;
      case '--form':
      case '--form-string':
        if (!explicitMethod) method = 'POST';
        if (o.name === '--form' && /=[@<]/.test(v)) out.push(reason('step:exfiltration', 'red', cmd, `uploads a file through the form field \`${o.value ? display(o.value) : ''}\``));
        body.push(v);
        break;
      case '--upload-file':
        if (!explicitMethod) method = 'PUT';
        out.push(reason('step:exfiltration', 'red', cmd, `uploads \`${o.value ? display(o.value) : ''}\` (-T)`));
        break;
      case '--head':
        if (!explicitMethod) method = 'HEAD';
        break;
      case '--get':
        method = 'GET';
        break;
      case '--proxy':
      case '--preproxy':
        if (o.value) {
          const h = hostReason(cmd, parseTarget(o.value.text).host, o.value.text, rc, 'goes through the proxy');
          if (h) out.push(h);
        }
        break;
      case '--connect-to':
      case '--resolve':
      case '--doh-url':
      case '--dns-servers':
        out.push(reason('step:network', 'red', cmd, `${o.name} redirects a host name to another address: the allow list cannot be trusted`));
        break;
      case '--config':
        out.push(reason('step:network', 'red', cmd, 'reads URLs and options from a config file the engine cannot see'));
        break;
      case '--output':
        if (o.value) {
          out.push(...writeTarget(cmd, o.value, rc, 'downloads to'));
          recordDownload(cmd, o.value, rc);
        }
        break;
      case '--remote-name':
        for (const u of urls) {
          const b = remoteBaseName(u.text);
          if (!b) continue;
          rc.state.downloads.add(`workspace:${b}`);
          out.push(...writeTarget(cmd, { ...u, text: b }, rc, 'downloads to'));
        }
        break;
      default:
        break;
    }
  }
  if (urls.length === 0) out.push(reason('step:network', 'red', cmd, 'makes a request to a URL the engine cannot see'));
  for (const u of urls) {
    const t = parseTarget(u.text, 'http');
    const h = hostReason(cmd, t.host, u.text, rc, 'connects to');
    if (h) out.push(h);
    if (t.url && (t.url.username || t.url.password)) out.push(reason('step:credential-access', 'red', cmd, 'puts credentials in the URL'));
    if (t.host && rc.allowHost(t.host) && method !== 'GET' && method !== 'HEAD') {
      if (method === 'UNKNOWN') out.push(reason('step:approve', 'red', cmd, 'HTTP method from an unknown expansion'));
      else if (t.host === 'api.github.com' || t.host === 'github.com' || t.host === 'uploads.github.com') out.push(...judgeApiCall(cmd, { method, path: t.url?.pathname ?? '', body, hiddenBody }, rc, cmd.name));
      else if (method === 'DELETE') out.push(reason('step:delete', 'red', cmd, `sends DELETE to ${t.host}`));
      else out.push(reason('step:api-write', 'yellow', cmd, `sends ${method} to the allowed host ${t.host}`));
    } else if (t.host && rc.allowHost(t.host)) {
      out.push(reason('step:unknown', 'yellow', cmd, `fetches from the allowed host ${t.host}`));
    }
    if (method === 'DELETE' && !(t.host && rc.allowHost(t.host))) out.push(reason('step:delete', 'red', cmd, 'sends an HTTP DELETE'));
  }
  const file = stdoutFile(cmd);
  if (file) recordDownload(cmd, file, rc);
  const uploadsStdin = p.options.some((o) => o.value && /^@-$|=@-$|^-$/.test(o.value.text) && ['--data', '--data-binary', '--data-urlencode', '--upload-file', '--form', '--json', '--data-ascii'].includes(o.name));
  out.push(...exfiltrationFromPipe(cmd, uploadsStdin), ...credentialUploads(cmd, rc));
  return out;
}

const WGET_VALUES = ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-i', '--input-file', '-P', '--directory-prefix', '-e', '--execute', '-U', '--user-agent', '--header', '--post-data', '--post-file', '--body-data', '--body-file', '--method', '-t', '--tries', '-T', '--timeout', '-w', '--wait', '--user', '--password', '--http-user', '--http-password', '-Q', '--quota', '-l', '--level', '-A', '--accept', '-R', '--reject', '-D', '--domains', '--exclude-domains', '-B', '--base', '--bind-address', '--limit-rate', '--load-cookies', '--save-cookies', '--ca-certificate', '--certificate', '--private-key', '--config'];

function wget(cmd: Cmd, rc: RuleContext): Reason[] {
  const p = parseArgs(cmd.args, { values: WGET_VALUES, aliases: { '-O': '--output-document', '-i': '--input-file', '-P': '--directory-prefix', '-e': '--execute' } });
  const out: Reason[] = [];
  let method = 'GET';
  const body: string[] = [];
  let hiddenBody = false;
  let outputDoc: WordValue | null = null;
  let prefix: WordValue | null = null;
  for (const o of p.options) {
    const v = o.value?.text ?? '';
    if (o.name === '--post-file' || o.name === '--body-file') {
      out.push(reason('step:exfiltration', 'red', cmd, `uploads the file \`${o.value ? display(o.value) : ''}\``));
      method = method === 'GET' ? 'POST' : method;
      hiddenBody = true;
    } else if (o.name === '--post-data' || o.name === '--body-data') {
      method = method === 'GET' ? 'POST' : method;
      body.push(...v.split('&'), v);
    } else if (o.name === '--method') method = o.value?.known ? v.toUpperCase() : 'UNKNOWN';
    else if (o.name === '--input-file' || o.name === '--config') out.push(reason('step:network', 'red', cmd, 'reads URLs from a file the engine cannot see'));
    else if (o.name === '--execute' && /use_proxy|http_proxy|https_proxy/i.test(v)) out.push(reason('step:network', 'red', cmd, 'sets a proxy through -e'));
    else if (o.name === '--output-document' && o.value) outputDoc = o.value;
    else if (o.name === '--directory-prefix' && o.value) prefix = o.value;
  }
  for (const u of p.positionals) {
    const t = parseTarget(u.text, 'http');
    const h = hostReason(cmd, t.host, u.text, rc, 'connects to');
    if (h) out.push(h);
    if (t.url && (t.url.username || t.url.password)) out.push(reason('step:credential-access', 'red', cmd, 'puts credentials in the URL'));
    if (t.host && rc.allowHost(t.host)) {
      if (method === 'GET') out.push(reason('step:unknown', 'yellow', cmd, `fetches from the allowed host ${t.host}`));
      else if (method === 'UNKNOWN') out.push(reason('step:approve', 'red', cmd, 'HTTP method from an unknown expansion'));
      else if (t.host.endsWith('github.com')) out.push(...judgeApiCall(cmd, { method, path: t.url?.pathname ?? '', body, hiddenBody }, rc, 'wget'));
      else if (method === 'DELETE') out.push(reason('step:delete', 'red', cmd, `sends DELETE to ${t.host}`));
      else out.push(reason('step:api-write', 'yellow', cmd, `sends ${method} to the allowed host ${t.host}`));
    }
    if (!outputDoc) {
      const b = remoteBaseName(u.text) ?? 'index.html';
      const f = { ...u, text: prefix && prefix.known ? `${prefix.text}/${b}` : b };
      out.push(...writeTarget(cmd, f, rc, 'downloads to'));
      recordDownload(cmd, f, rc);
    }
  }
  if (p.positionals.length === 0) out.push(reason('step:network', 'red', cmd, 'downloads from URLs the engine cannot see'));
  if (outputDoc && outputDoc.text !== '-') {
    out.push(...writeTarget(cmd, outputDoc, rc, 'downloads to'));
    recordDownload(cmd, outputDoc, rc);
  }
  const file = stdoutFile(cmd);
  if (file) recordDownload(cmd, file, rc);
  out.push(...exfiltrationFromPipe(cmd, false), ...credentialUploads(cmd, rc));
  return out;
}

/** httpie / xh: `http [METHOD] URL [items]`; items with `@` upload files. */
function httpie(cmd: Cmd, rc: RuleContext): Reason[] {
  const p = parseArgs(cmd.args, { values: ['-a', '--auth', '-A', '--auth-type', '--proxy', '-o', '--output', '--session', '--session-read-only', '--verify', '--cert', '--cert-key', '--timeout', '-p', '--print', '--pretty', '-s', '--style', '--default-scheme', '--format-options', '--max-redirects', '--ssl', '--ciphers', '--response-charset', '--response-mime'] });
  const out: Reason[] = [];
  const pos = [...p.positionals];
  let method = 'GET';
  if (pos[0] && /^[A-Za-z]+$/.test(pos[0].text) && pos.length > 1) method = (pos.shift() as WordValue).text.toUpperCase();
  const url = pos.shift();
  const items = pos.map((w) => w.text);
  if (items.some((i) => /^[^=:]+(?:=|:=)?@/.test(i) || i.startsWith('@'))) out.push(reason('step:exfiltration', 'red', cmd, 'uploads a file (`field@file`)'));
  if (items.some((i) => /^[^=]+={1,2}|^[^:]+:=/.test(i)) && method === 'GET' && !p.options.some((o) => o.name === '--form' || o.name === '-f')) method = 'POST';
  if (p.options.some((o) => o.name === '-f' || o.name === '--form') && method === 'GET' && items.length) method = 'POST';
  if (!url) return [reason('step:network', 'red', cmd, 'makes a request the engine cannot read')];
  const t = parseTarget(url.text.startsWith(':') ? `localhost${url.text}` : url.text, 'http');
  const h = hostReason(cmd, t.host, url.text, rc, 'connects to');
  if (h) out.push(h);
  if (t.host && rc.allowHost(t.host)) {
    if (method === 'GET') out.push(reason('step:unknown', 'yellow', cmd, `fetches from the allowed host ${t.host}`));
    else if (t.host.endsWith('github.com')) out.push(...judgeApiCall(cmd, { method, path: t.url?.pathname ?? '', body: items, hiddenBody: false }, rc, cmd.name));
    else if (method === 'DELETE') out.push(reason('step:delete', 'red', cmd, `sends DELETE to ${t.host}`));
    else out.push(reason('step:api-write', 'yellow', cmd, `sends ${method} to the allowed host ${t.host}`));
  }
  out.push(...exfiltrationFromPipe(cmd, cmd.stdin === 'pipe' || cmd.stdin === 'file'));
  return out;
}

function sshLike(cmd: Cmd, rc: RuleContext): Reason[] {
  const values = ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-P', '-Q', '-R', '-S', '-W', '-w', '-B', '-s'];
  const p = parseArgs(cmd.args, { values, stopAtPositional: cmd.name === 'ssh' || cmd.name === 'mosh' });
  const out: Reason[] = [];
  const targets: WordValue[] = [];
  if (cmd.name === 'ssh' || cmd.name === 'mosh' || cmd.name === 'sftp') {
    if (p.positionals[0]) targets.push(p.positionals[0]);
  } else {
    for (const w of p.positionals) if (/^(?:[^@/]+@)?[^/:]+:/.test(w.text) || w.text.includes('::') || /^[a-z]+:\/\//i.test(w.text) || !w.known) targets.push(w);
  }
  for (const o of p.options) {
    if ((o.name === '-J' || (o.name === '-o' && o.value && /proxy(command|jump)/i.test(o.value.text))) && o.value) {
      out.push(reason('step:network', 'red', cmd, `routes through \`${display(o.value)}\``));
    }
  }
  if (cmd.name === 'rsync' && cmd.args.some((a) => a.text === '--delete' || a.text.startsWith('--delete-') || a.text === '--remove-source-files')) {
    out.push(reason('step:delete', 'red', cmd, 'rsync deletes files (--delete / --remove-source-files)'));
  }
  if (targets.length === 0) {
    if (cmd.name === 'rsync' || cmd.name === 'scp') {
      const dest = p.positionals[p.positionals.length - 1];
      if (dest) out.push(...writeTarget(cmd, dest, rc, 'copies to'));
      return out.length ? out : [reason('step:workspace-write', 'yellow', cmd, 'local copy')];
    }
    return [...out, reason('step:network', 'red', cmd, `${cmd.name} to a host the engine cannot read`)];
  }
  for (const t of targets) {
    const text = t.text.replace(/^[a-z]+:\/\//i, '');
    const hostPart = (text.split(/[:/]/)[0] ?? '').replace(/^.*@/, '');
    const host = t.known ? hostPart.toLowerCase() : null;
    const h = hostReason(cmd, host || null, t.text, rc, 'connects to');
    if (h) out.push(h);
    else out.push(reason('step:unknown', 'yellow', cmd, `${cmd.name} to the allowed host ${host}`));
  }
  if (cmd.name !== 'ssh') {
    const sources = p.positionals.slice(0, -1);
    if (sources.some((s) => credentialInPath(s.text))) out.push(reason('step:exfiltration', 'red', cmd, 'copies a credential file to another machine'));
  }
  out.push(...exfiltrationFromPipe(cmd, false));
  return out;
}

function socketTool(cmd: Cmd, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  const p = parseArgs(cmd.args, { values: ['-p', '-s', '-w', '-i', '-q', '-x', '-X', '-e', '-c', '-o', '-O', '-T', '-I', '--exec', '--sh-exec', '--lua-exec', '-g', '-G', '--proxy', '--source-port', '--source'] });
  if (p.options.some((o) => ['-l', '--listen', '-e', '-c', '--exec', '--sh-exec', '--lua-exec'].includes(o.name))) {
    out.push(reason('step:network', 'red', cmd, `${cmd.name} listens for connections or runs a program on a socket`));
  }
  const hosts: string[] = [];
  if (cmd.name === 'socat') {
    for (const a of p.positionals) {
      const m = /^(?:tcp|tcp4|tcp6|udp|udp4|udp6|ssl|openssl|tcp-connect|udp-connect|socks4a?|proxy):([^:,]*)/i.exec(a.text);
      if (m) hosts.push(m[1] ?? '');
      if (/^(exec|system):/i.test(a.text)) out.push(reason('step:network', 'red', cmd, 'socat runs a program on a socket'));
      if (/^(tcp|udp)[46]?-listen/i.test(a.text)) out.push(reason('step:network', 'red', cmd, 'socat listens for connections'));
    }
  } else if (cmd.name === 'openssl') {
    const c = cmd.args.findIndex((a) => a.text === '-connect');
    if (c === -1) return [reason('step:unknown', 'yellow', cmd, 'openssl')];
    hosts.push((cmd.args[c + 1]?.text ?? '').split(':')[0] ?? '');
  } else if (p.positionals[0]) hosts.push(p.positionals[0].text);
  for (const h of hosts) {
    const r = hostReason(cmd, h && !h.includes(UNKNOWN) ? h.toLowerCase() : null, h, rc, 'opens a connection to');
    if (r) out.push(r);
  }
  if (hosts.length === 0 && out.length === 0) out.push(reason('step:network', 'red', cmd, `${cmd.name} to a host the engine cannot read`));
  if (out.length === 0) out.push(reason('step:unknown', 'yellow', cmd, `${cmd.name} to an allowed host`));
  out.push(...exfiltrationFromPipe(cmd, false));
  if (cmd.stdin === 'file') out.push(reason('step:exfiltration', 'red', cmd, 'sends a file over a raw socket'));
  return out;
}

/** Network commands (curl, wget, ssh, nc, ...). */
export function networkCommand(cmd: Cmd, rc: RuleContext): Reason[] | null {
  switch (cmd.name) {
    case 'curl':
    case 'curlie':
      return curl(cmd, rc);
    case 'wget':
      return wget(cmd, rc);
    case 'http':
    case 'https':
    case 'httpie':
    case 'xh':
      return httpie(cmd, rc);
    case 'ssh':
    case 'scp':
    case 'sftp':
    case 'rsync':
    case 'mosh':
    case 'sshpass':
      return cmd.name === 'sshpass' ? [reason('step:credential-access', 'red', cmd, 'passes an SSH password on the command line'), reason('step:network', 'red', cmd, 'opens an SSH connection')] : sshLike(cmd, rc);
    case 'nc':
    case 'ncat':
    case 'netcat':
    case 'socat':
    case 'telnet':
    case 'openssl':
      return socketTool(cmd, rc);
    case 'ping':
    case 'dig':
    case 'nslookup':
    case 'host':
    case 'whois':
    case 'traceroute':
    case 'nmap':
    case 'ftp':
    case 'tftp':
    case 'lftp':
    case 'aria2c':
    case 'fetch':
    case 'lynx':
    case 'links':
    case 'w3m':
    case 'smbclient':
    case 'rclone':
    case 'mail':
    case 'sendmail':
    case 'mutt': {
      const p = parseArgs(cmd.args, { values: ['-c', '-t', '-p', '-W', '-i', '-s', '-q', '-x', '-w', '-f'] });
      const out: Reason[] = [];
      const hosts = p.positionals.filter((w) => !w.text.startsWith('@') && w.text !== 'localhost' ? true : true);
      const first = hosts.find((w) => /[.:]/.test(w.text) || looksLikeUrl(w.text) || !w.known);
      if (!first) return [reason('step:network', 'red', cmd, `${cmd.name} reaches the network`)];
      const t = parseTarget(first.text);
      const h = hostReason(cmd, t.host, first.text, rc, `${cmd.name} reaches`);
      if (h) out.push(h);
      else out.push(reason('step:unknown', 'yellow', cmd, `${cmd.name} to an allowed host`));
      return out;
    }
    default:
      return null;
  }
}

/** `/dev/tcp/host/port` in any word or redirection: bash opens a socket. */
export function devTcp(cmd: Cmd, rc: RuleContext): Reason[] {
  const out: Reason[] = [];
  const words = [...cmd.raw.words, ...cmd.redirects.map((r) => r.target).filter((t): t is WordValue => t !== null)];
  for (const w of words) {
    const host = devTcpHost(w.text);
    if (host === undefined) continue;
    const h = hostReason(cmd, host, w.text, rc, 'opens a socket (/dev/tcp) to');
    if (h) out.push(h);
    if (cmd.redirects.some((r) => r.target === w && (r.op === '>' || r.op === '>>' || r.op === '<>'))) {
      if (cmd.name === 'cat' || cmd.name === 'env' || cmd.name === 'printenv' || cmd.raw.upstream.length > 0 || readsSecrets([cmd.raw])) {
        out.push(reason('step:exfiltration', 'red', cmd, 'writes data into a network socket (/dev/tcp)'));
      }
    }
  }
  return out;
}

export function isNetworkCommand(name: string): boolean {
  return NETWORK_TOOLS.has(name);
}

export type { ParsedArgs };
