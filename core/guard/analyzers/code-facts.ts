// What a one-line script in Python, JavaScript, Ruby, Perl, PHP, Lua or AppleScript does, as far as the
// guard cares: deletes files, runs commands, runs code it builds, talks to the network, writes files.
// A coarse lexical scan (string literals apart from code), not a parser: anything it flags is held.

/** The facts the guard needs about a snippet of code. */
export interface CodeFacts {
  /** string literals, in order (the commands a `system()` call would run are among them) */
  readonly strings: readonly string[];
  /** string literals a language runs as shell (Ruby/Perl backticks, `qx{}`, `%x()`) */
  readonly shellStrings: readonly string[];
  readonly deletes: boolean;
  /** renames or moves files (`os.rename`, `shutil.move`, `renameSync`, `FileUtils.mv`, `Move-Item`) */
  readonly moves: boolean;
  /** kills every process (`os.kill(-1, 9)`, `process.kill(-1)`, a loop over /proc, `Stop-Process -Name *`) */
  readonly killsAll: boolean;
  readonly runsCommands: boolean;
  readonly runsCode: boolean;
  readonly network: boolean;
  readonly writes: boolean;
  /** refers to the home directory without spelling a path (`expanduser`, `Dir.home`, `os.homedir()`) */
  readonly home: boolean;
}

const DELETES =
  /\b(rmtree|remove_tree|remove_dir|RemoveAll|Remove-Item|rm_rf|rm_r|rm_f|rmSync|rmdirSync|unlinkSync|unlink|rmdir|removedirs|remove_entry|remove_entry_secure|remove_dir_all|remove_file|rimraf|emptyDir|emptyDirSync|removeSync|deleteSync|truncateSync)\b|\b(os|fs|shutil|Deno|FileUtils|File|Dir|Path|pathlib)\.(remove|rm|unlink|delete|rmdir)\b|\.unlink\s*\(|\bunlink\s*\(|\bpromises\.(rm|rmdir|unlink)\b|\.rm\s*\(|\brm\s*\(|\brm_rf!?|\bremove!?\s*\(|(^|[;|\s])(rm|del|ri|erase|rd|rmdir)\s+-/;
const MOVES =
  /\brename\s+\$|\b(rename|renameSync|replace|move|mv|Move-Item|Rename-Item|renames)\s*[(!]|\b(os|shutil|fs|FileUtils|File|Path|Deno|pathlib)\.(rename|replace|move|mv|renameSync)\b|(^|[;|\s])(Move-Item|mv|move)\s/;
const KILLS_ALL =
  /\bkill\s*\(\s*-1\b|\bkill\s*\(\s*\w+\s*,\s*-1\b|\bkill\s+-?\w+\s*,\s*-1\b|\bkill\s*\([^)]*\bint\s*\(\s*\w+\s*\)|Stop-Process\s+(-Name\s+\*|-Force)|listdir\s*\(\s*['"]\/proc|\.kill\s*\(\s*-1\b/;
const RUNS_COMMANDS =
  /\b(fork|Start-Process|Invoke-Command|system|popen|subprocess|spawn|spawnSync|execSync|execFile|execFileSync|exec[lv]p?e?|child_process|shell_exec|passthru|proc_open|pcntl_exec|Open3|popen[234]?|check_output|check_call|getoutput|getstatusoutput|Command|ProcessBuilder|do shell script|io\.popen|os\.execute)\b|\b(run|execute)\s*\(\s*`|\bexec\s*\(|\bSystem\.cmd\b|\.execute\s*\(|\bBun\.\$|\$`/;
const RUNS_CODE =
  /\b(Invoke-Expression|iex|eval|exec|compile|Function|runInNewContext|runInThisContext|instance_eval|class_eval|module_eval|__import__|importlib|loadstring|dofile)\b/;
/**
 * A name looked up at run time, so the guard cannot see which function runs: `fs['rm'+'Sync']`, `fs[name]`,
 * `obj[key](…)`, `getattr(mod, x)`, `require(name)`, `obj.send("sys"+"tem")`. Matched on the code with its strings blanked.
 */
const DYNAMIC_NAME = [
  /\[[^\]]*""[^\]]*\+[^\]]*\]|\[[^\]]*\+[^\]]*""[^\]]*\]/,
  /\b(fs|child_process|cp|process|globalThis|global|window|self|os|shutil|subprocess|module|Deno|Bun|Kernel|Object|POSIX)\s*\[\s*[A-Za-z_$(]/,
  /[\w$\])]\s*\[\s*[^\]"\d\s][^\]]*\]\]?\s*\(/,
  /\b(getattr|Reflect\s*\.\s*(get|apply|construct)|public_send|__send__|send|const_get|method|require|import)\s*\(\s*(""\s*\+|[A-Za-z_$][\w$.]*\s*[,)+])/,
];

const NETWORK =
  /\b(Invoke-WebRequest|iwr|Invoke-RestMethod|irm|DownloadString|WebClient|urlopen|urllib|urllib2|requests|httpx|aiohttp|http\.client|socket|fetch|XMLHttpRequest|axios|got|https?\.(get|request)|Net::HTTP|open-uri|URI\.open|LWP|HTTP::Tiny|curl_exec|curl_init|file_get_contents|WebSocket|net\.connect|tls\.connect|dgram|smtplib|ftplib|paramiko)\b/;
const WRITES =
  /\b(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|write_text|write_bytes|file_put_contents|fwrite|truncate|chmod|chown|rename|renameSync|copyFile|copyFileSync|move|symlink|symlinkSync)\b|\bopen\s*\([^)]*['"][wax]\+?b?['"]|File\.(write|open\([^)]*['"][wa])/;
const HOME =
  /\b(expanduser|homedir|Dir\.home|Path\.home|getenv\(\s*['"]HOME|ENV\[\s*['"]HOME|environ\[\s*['"]HOME|process\.env\.HOME|\$ENV\{HOME\}|user_home|USERPROFILE)\b|\$HOME\b|['"]~['"/]|\$ENV\{HOME\}|(^|\s)~(?=\s|$|\/|\\)|C:\\+Users/;

/** Scans a snippet: string literals are collected and removed, then the code is matched against API names. */
export function scanCode(code: string): CodeFacts {
  const strings: string[] = [];
  const shellStrings: string[] = [];
  let bare = '';
  let i = 0;
  while (i < code.length) {
    const c = code[i] as string;
    const triple = code.slice(i, i + 3);
    if (triple === '"""' || triple === "'''") {
      const end = code.indexOf(triple, i + 3);
      strings.push(code.slice(i + 3, end < 0 ? code.length : end));
      bare += ' "" ';
      i = end < 0 ? code.length : end + 3;
    } else if (c === '"' || c === "'" || c === '`') {
      const end = closingQuote(code, i, c);
      const text = unescape(code.slice(i + 1, end - 1));
      (c === '`' ? shellStrings : strings).push(text);
      if (c === '`') strings.push(text);
      bare += ' "" ';
      i = end;
    } else if (/^(qx|%x)[{([/|]/.test(code.slice(i, i + 3))) {
      const open = code[i + 2] as string;
      const close = { '{': '}', '(': ')', '[': ']' }[open] ?? open;
      const end = code.indexOf(close, i + 3);
      shellStrings.push(code.slice(i + 3, end < 0 ? code.length : end));
      bare += ' "" ';
      i = end < 0 ? code.length : end + 1;
    } else {
      bare += c;
      i++;
    }
  }
  const all = `${bare}\n${strings.join('\n')}`;
  return {
    strings,
    shellStrings,
    deletes: DELETES.test(bare) || strings.some((text) => /^\w+$/.test(text) && DELETES.test(text)),
    moves: MOVES.test(bare),
    killsAll: KILLS_ALL.test(code),
    runsCommands: RUNS_COMMANDS.test(bare) || shellStrings.length > 0,
    runsCode:
      RUNS_CODE.test(bare) ||
      DYNAMIC_NAME.some((pattern) => pattern.test(bare)) ||
      /\[\s*`[^`]*\$\{/.test(code),
    network: NETWORK.test(bare),
    writes: WRITES.test(code),
    home:
      HOME.test(all) ||
      strings.some((text) => text === '~' || text.startsWith('~/')) ||
      (strings.includes('HOME') && /\b(env\.get|getenv|environ|ENV|Env\.get)\s*[([.]/.test(bare)),
  };
}

function closingQuote(code: string, start: number, quote: string): number {
  for (let i = start + 1; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (code[i] === quote) return i + 1;
  }
  return code.length;
}

function unescape(text: string): string {
  return text.replace(/\\(["'`\\])/g, '$1').replace(/\\n/g, '\n');
}
