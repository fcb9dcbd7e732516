"""Build-time side of Candor: MkDocs hooks and the renderers behind the generated parts of the site."""
