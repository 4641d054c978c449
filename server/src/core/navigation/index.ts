// Markdown navigation over the site model: route-aware (site URLs, frontmatter slugs) and MDX-aware.
// Pure: plain data in, plain data out; server/src/lsp/navigation.ts speaks LSP.
export { builtInFollows, definitionAt, destinationOf, documentLinks, headingAt, headingFor, linkAt, referencesOf, referenceSubjectAt, type DocLink, type DocLinkTarget, type NavLocation, type ReferenceSubject } from './links';
export { completionsAt, destinationContext, type DestinationContext, type NavCompletion } from './completion';
export { addAlias, fragmentSpan, headingTextSpan, prepareRename, renameFiles, renameHeading, urlAfterMove, usesAliases, type FileMove, type RenameTarget } from './rename';
export { outline, workspaceSymbols, type OutlineSymbol, type WorkspaceSymbolInfo } from './symbols';
