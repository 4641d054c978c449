-- Headless Neovim (0.7+) end-to-end test of the Pillarlink language server over stdio:
-- diagnostics → code action "Link …" → apply → write → diagnostic gone.
-- Started by test/nvim/run.sh; configured through environment variables:
--   PILLARLINK_NVIM_ROOT   workspace root (a copy of the example site)
--   PILLARLINK_NVIM_FILE   support page, relative to the root
--   PILLARLINK_NVIM_LINE   expected 1-based line of the diagnostic (optional)
--   PILLARLINK_NVIM_FIX_LINE 1-based line where the quick fix puts the link (default: the diagnostic's line)
--   PILLARLINK_NVIM_SERVER server entry (default out/server.js), run as `node <server> --stdio`
--   PILLARLINK_NVIM_TIMEOUT_MS per-wait deadline (default 20000)
local RULE = 'missing-target-link'
local root = assert(os.getenv('PILLARLINK_NVIM_ROOT'), 'PILLARLINK_NVIM_ROOT is not set')
local file = assert(os.getenv('PILLARLINK_NVIM_FILE'), 'PILLARLINK_NVIM_FILE is not set')
local expected_line = tonumber(os.getenv('PILLARLINK_NVIM_LINE') or '')
local fix_line = tonumber(os.getenv('PILLARLINK_NVIM_FIX_LINE') or '')
local server = os.getenv('PILLARLINK_NVIM_SERVER') or 'out/server.js'
local timeout = tonumber(os.getenv('PILLARLINK_NVIM_TIMEOUT_MS') or '') or 20000
local path = root .. '/' .. file
local uri = vim.uri_from_fname(path)

local passed, failed = 0, 0
local function out(s) io.stdout:write(s .. '\n') end
local function check(name, ok, detail)
  if ok then passed = passed + 1 else failed = failed + 1 end
  out(string.format('%s %s%s', ok and 'ok  ' or 'FAIL', name, detail and (': ' .. detail) or ''))
  return ok
end
local function finish()
  out(string.format('%d passed, %d failed', passed, failed))
  vim.lsp.stop_client(vim.lsp.get_active_clients(), true)
  if failed == 0 and passed > 0 then vim.cmd('qall!') else vim.cmd('cquit 1') end
end

-- Keep the server's raw LSP diagnostics (exact UTF-16 ranges and `data`) for the code-action request.
local raw = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
local function on_publish(err, result, ctx, config)
  if result and result.uri then raw[result.uri] = result.diagnostics or {} end
  return default_publish(err, result, ctx, config)
end
local function rule_diags(u)
  local found = {}
  for _, d in ipairs(raw[u] or {}) do
    local code = type(d.code) == 'table' and d.code.value or d.code
    if code == RULE then table.insert(found, d) end
  end
  return found
end

local server_log = {}
local client_id = vim.lsp.start_client({
  name = 'pillarlink',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'examples' } },
  handlers = {
    ['textDocument/publishDiagnostics'] = on_publish,
    ['window/logMessage'] = function(_, result) table.insert(server_log, result and result.message or '') end,
    ['window/showMessage'] = function(_, result) table.insert(server_log, result and result.message or '') end,
  },
  on_exit = function(code, signal) if code ~= 0 then out(('server exited with code %s signal %s'):format(code, signal)) end end,
})
if not check('server starts', client_id ~= nil) then return finish() end

vim.cmd('edit ' .. vim.fn.fnameescape(path))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = path:match('%.mdx$') and 'mdx' or 'markdown'
vim.lsp.buf_attach_client(buf, client_id)
local client = vim.lsp.get_client_by_id(client_id)
check('server initializes', vim.wait(timeout, function() return client.initialized end, 20))

local diags
local got = vim.wait(timeout, function() diags = rule_diags(uri); return #diags > 0 end, 50)
if not check('diagnostic ' .. RULE .. ' published for ' .. file, got) then return finish() end
local d = diags[1]
check('diagnostic source is pillarlink and message names the target',
  d.source == 'pillarlink' and d.message:find("^No contextual link to the cluster's target") ~= nil, d.source .. ': ' .. d.message)
if expected_line then
  check('diagnostic at line ' .. expected_line, d.range.start.line + 1 == expected_line, 'got line ' .. (d.range.start.line + 1))
end

local params = { textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d } } }
local resp, req_err = client.request_sync('textDocument/codeAction', params, timeout, buf)
local actions = (resp and resp.result) or {}
local action
local titles = {}
for _, a in ipairs(actions) do
  table.insert(titles, a.title)
  if not action and a.title:sub(1, 6) == 'Link "' then action = a end
end
if not check('code action titled Link "…"', action ~= nil, table.concat(titles, ' | ') .. (req_err and (' error: ' .. tostring(req_err)) or '')) then return finish() end
check('title has the form Link "<anchor>" → <title> (target)', action.title:find('→', 1, true) ~= nil and action.title:find('(target)', 1, true) ~= nil, action.title)

if not action.edit and not action.command and client.server_capabilities.codeActionProvider
    and type(client.server_capabilities.codeActionProvider) == 'table' and client.server_capabilities.codeActionProvider.resolveProvider then
  local r = client.request_sync('codeAction/resolve', action, timeout, buf)
  if r and r.result then action = r.result end
end
if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16') end
local command = type(action.command) == 'table' and action.command or nil
if command then
  -- The server answers with workspace/applyEdit, which Neovim's default handler applies.
  client.request_sync('workspace/executeCommand', { command = command.command, arguments = command.arguments }, timeout, buf)
end
local lnum = fix_line or (d.range.start.line + 1)
local line = vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, false)[1] or ''
check('edit puts a Markdown link into line ' .. lnum, line:find('%[[^%]]+%]%([^%)]+%)') ~= nil, line)

vim.cmd('write')
local on_disk = vim.fn.readfile(path)[lnum] or ''
check('file written with the link', on_disk == line, on_disk)
local gone = vim.wait(timeout, function() return raw[uri] ~= nil and #rule_diags(uri) == 0 end, 50)
local left = nil
if not gone then left = vim.inspect(rule_diags(uri)) end
check('diagnostic ' .. RULE .. ' disappears', gone, left)

local bad = {}
for _, m in ipairs(server_log) do if m:find('[Error', 1, true) or m:find('Unhandled', 1, true) then table.insert(bad, m) end end
check('server log has no [Error / Unhandled', #bad == 0, #bad > 0 and table.concat(bad, '\n') or (#server_log .. ' message(s)'))
finish()
