using System.Collections.Generic;
using System.Text;

namespace PushChat.Rendering;

/// <summary>The CSS of <see cref="DefaultPageRenderer"/> and its colour palette.</summary>
internal static class DefaultStyleSheet
{
    /// <summary>Colours readable on the light background (contrast ≥ 4.5:1).</summary>
    public static readonly IReadOnlyList<string> Palette = new[]
    {
        "#1f5fa8", "#a8321f", "#2d7a2d", "#7a2d7a", "#8a5a00", "#00707a", "#b0245e", "#4a4a9c",
    };

    public static readonly string Css = Build();

    private static readonly HashSet<string> PaletteSet = new(Palette, System.StringComparer.OrdinalIgnoreCase);

    public static bool IsInPalette(string color) => PaletteSet.Contains(color);

    private static string Build()
    {
        var css = new StringBuilder("""
            :root { color-scheme: light; --fg: #1d2330; --muted: #5b6475; --bg: #f6f7fb; --card: #fff; --accent: #1f5fa8; --err: #a8321f; }
            * { box-sizing: border-box; }
            html, body { margin: 0; }
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; color: var(--fg); background: var(--bg); }
            .card { max-width: 24rem; margin: 12vh auto; background: var(--card); padding: 2rem; border-radius: 12px; box-shadow: 0 4px 24px #0002; }
            h1 { margin: 0 0 1rem; font-size: 1.5rem; }
            h2 { margin: .5rem .75rem; font-size: 1rem; }
            label { display: block; margin: .75rem 0 .25rem; color: var(--muted); }
            input { font: inherit; width: 100%; padding: .5rem .6rem; border: 1px solid #c9cfdb; border-radius: 8px; }
            input:focus, button:focus { outline: 3px solid #1f5fa866; outline-offset: 1px; }
            button { font: inherit; margin-top: 1rem; padding: .5rem 1rem; border: 0; border-radius: 8px; background: var(--accent); color: #fff; cursor: pointer; }
            .error { color: var(--err); font-weight: 600; }
            .hint, small { color: var(--muted); }
            html.chat { overflow: hidden; height: 100%; }
            body.chat { height: 100%; display: flex; flex-direction: column-reverse; overflow-y: auto; background: var(--card); }
            .log { padding: .5rem .75rem; }
            .line { margin: .15rem 0; overflow-wrap: anywhere; }
            .line time { color: var(--muted); font-size: .8em; font-variant-numeric: tabular-nums; }
            .notice { color: var(--muted); font-style: italic; }
            body.talk { display: flex; gap: .5rem; align-items: center; padding: .5rem .75rem; background: var(--bg); }
            .say { display: flex; flex: 1; gap: .5rem; align-items: center; }
            .say .who { margin: 0; white-space: nowrap; font-weight: 600; color: var(--fg); }
            .say button, .leave button { margin: 0; }
            .talk .error { margin: 0 .5rem 0 0; }
            .leave button { background: #5b6475; }
            body.names ul { list-style: none; margin: 0; padding: 0 .75rem; }
            body.names li { padding: .15rem 0; }
            body.names .rooms button { margin: 0; padding: .1rem .5rem; }
            body.names .here { font-weight: 600; }
            .say .room { white-space: nowrap; }
            body.names .new-room { padding: 0 .75rem .75rem; }
            body.names .error { padding: 0 .75rem; }
            select { font: inherit; width: 100%; padding: .5rem .6rem; border: 1px solid #c9cfdb; border-radius: 8px; background: var(--card); }
            .c0 { color: var(--fg); }

            """);
        foreach (var color in Palette)
        {
            css.Append('.').Append('c').Append(color, 1, 6).Append(" { color: ").Append(color).Append("; }\n");
        }

        return css.ToString();
    }
}
