-- Run by tests/server/test_neovim.py: nvim --headless --clean -u fix_all.lua
-- Opens NLCLEAN_FILE, starts NLCLEAN_CMD (a JSON list) as its language server,
-- waits for diagnostics, applies "Fix all nlclean issues" (NLCLEAN_MODE=codeAction)
-- or formats the buffer (NLCLEAN_MODE=formatting), writes the file, and writes
-- what it saw to NLCLEAN_OUT as JSON. Written for Neovim 0.7 and later.
local out = {}

local function main()
  local file = os.getenv("NLCLEAN_FILE")
  local mode = os.getenv("NLCLEAN_MODE")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = "nlclean",
    cmd = vim.fn.json_decode(os.getenv("NLCLEAN_CMD")),
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
  }
  local client_id
  if vim.lsp.start then -- 0.8+
    client_id = vim.lsp.start(config)
  else -- 0.7
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  assert(vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), "no diagnostics arrived")
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, { code = d.code or lsp.code, lnum = d.lnum, col = d.col,
                                    end_lnum = d.end_lnum, end_col = d.end_col })
  end
  local client = vim.lsp.get_client_by_id(client_id)
  out.offset_encoding = client.offset_encoding
  if mode == "codeAction" then
    local last = vim.api.nvim_buf_line_count(bufnr)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = 0, character = 0 }, ["end"] = { line = last, character = 0 } },
      context = { diagnostics = {}, only = { "source.fixAll" } },
    }
    local response = assert(client.request_sync("textDocument/codeAction", params, 30000, bufnr))
    assert(not response.err, vim.inspect(response.err))
    local action = response.result[1]
    out.title, out.kind = action.title, action.kind
    if not action.edit then
      action = assert(client.request_sync("codeAction/resolve", action, 30000, bufnr)).result
    end
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  elseif vim.lsp.buf.format then -- 0.8+
    vim.lsp.buf.format({ bufnr = bufnr, timeout_ms = 30000 })
  else
    vim.lsp.buf.formatting_sync(nil, 30000)
  end
  vim.cmd("write")
end

local ok, err = pcall(main)
out.error = (not ok) and tostring(err) or nil
local handle = io.open(os.getenv("NLCLEAN_OUT"), "w")
handle:write(vim.fn.json_encode(out))
handle:close()
vim.cmd(ok and "qall!" or "cquit! 1")
