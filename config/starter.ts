/** The commented starter config `nightshift init` writes. A test checks that it passes validation. */
export const STARTER_CONFIG = `# nightshift config: what runs tonight, how it is watched, where the morning report goes.
# Durations are strings (90s, 10m, 7h). Secrets come from the environment: \${SMTP_URL}.
# Check it with: nightshift doctor

# Time zone for the schedule and for reset times printed without one.
timezone: UTC

# Where nights (journal, pane logs, reports), the outbox and plugin state are kept.
stateDir: ./nightshift-state

# A private tmux server (tmux -L fleet) keeps the fleet apart from your own sessions.
tmux:
  socket: fleet
  session: fleet

# Start at 23:00 on weekdays, run for 7 hours (or give end: "0 6 * * *").
night:
  start: "0 23 * * 1-5"
  duration: 7h

# How often every pane is looked at.
watch:
  interval: 2s

agents:
  - name: builder
    command: claude
    resume: claude --continue
    profile: claude-code
    cwd: .
    task: Work through TASKS.md. After each task append a status entry to COORDINATION.md.

# The shared log agents append to, and an optional status log; both feed the morning report.
coordination:
  file: ./COORDINATION.md

# The report: compiled right after the night (or at report.at), mailed when email is set.
# Without email, an .eml file is written next to the report.
report:
  at: "30 6 * * *"
  # email:
  #   to: me@example.com
  #   from: nightshift@example.com
  #   smtp: \${SMTP_URL}          # smtp://user:pass@host:587 or smtps://...

# Omit plugins to get the built-in set with defaults. To tune one:
# plugins:
#   - prompt
#   - { name: idle, options: { after: 20m } }
#   - ./plugins/my-rescue.ts
`;
