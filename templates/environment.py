"""The one Jinja2 environment every output is rendered with: a council's own templates first
(`settings.templates_dir`), then the bundled ones, always in Jinja2's `SandboxedEnvironment`.

A council's template folder is configuration anyone with write access to a settings file can point
at, so a template may not reach Python's internals (`''.__class__.__mro__`, `cycler.__init__.
__globals__`, ...): the sandbox refuses with `SecurityError`, which `render` turns into
`UnsafeTemplate` naming the template, instead of running what it asked for.

HTML templates (`*.html.j2`) are autoescaped; Markdown templates use the `md` and `md_code` filters.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from templates.text import clean, md_code, md_escape, plural, shorten

BUNDLED = Path(__file__).resolve().parent


class TemplateProblem(RuntimeError):
    """A template could not be rendered (a council's template with a mistake in it, say)."""


class UnsafeTemplate(TemplateProblem):
    """A template tried to reach something the sandbox does not allow."""


@functools.lru_cache(maxsize=16)
def environment(templates_dir: str | None = None, *, trim_blocks: bool = False) -> SandboxedEnvironment:
    """A sandboxed environment that looks in `templates_dir` (when given) before the bundled folder."""
    loaders: list[jinja2.BaseLoader] = []
    if templates_dir:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders.append(jinja2.FileSystemLoader(str(BUNDLED)))
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "xml", "html.j2"), default=False),
        trim_blocks=trim_blocks,
        lstrip_blocks=trim_blocks,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md_escape, md_code=md_code, clean=clean, shorten=shorten, plural=plural)
    env.globals["plural"] = plural
    return env


def render(env: jinja2.Environment, name: str, **values: object) -> str:
    """Render template `name`; a refused or broken template is one clear error naming it."""
    try:
        return env.get_template(name).render(**values)
    except jinja2.exceptions.SecurityError as exc:
        raise UnsafeTemplate(f"template {_where(env, name)} was refused: {exc} (templates may not reach Python internals)") from None
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"template {_where(env, name)} could not be rendered: {type(exc).__name__}: {exc}") from None


def _where(env: jinja2.Environment, name: str) -> str:
    try:
        assert env.loader is not None
        _, filename, _ = env.loader.get_source(env, name)
        return f"{name} ({filename})" if filename else name
    except (jinja2.TemplateNotFound, AssertionError):
        return name
