using System.Text;
using PushChat.Internal.Chat.State;

namespace PushChat.Rendering;

/// <summary>
/// The CSS of <see cref="DefaultPageRenderer"/>: its layout, and a class per palette colour
/// (<see cref="ColorPalette"/>, which the chat owns; this look only shows its colours).
/// </summary>
internal static class DefaultStyleSheet
{
    public static readonly string Css = Build();

    /// <summary>
    /// The class that shows a user's colour: the colour's own class when it is in the palette,
    /// otherwise <c>c0</c> (the default text colour), so a colour outside the palette never lowers the contrast.
    /// </summary>
    public static string ColorClass(string? color) =>
        color is not null && ColorPalette.Contains(color) ? PaletteClass(color) : "c0";

    private static string PaletteClass(string color) => "c" + color.Substring(1).ToLowerInvariant();

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
            .whisper { background: #eef3fb; border-left: 3px solid var(--accent); padding-left: .4rem; }
            .whisper.notice { border-left-color: var(--muted); }
            .action { font-style: italic; }
            .to { color: var(--muted); }
            body.talk { display: flex; flex-wrap: wrap; gap: .3rem .5rem; align-items: center; padding: .35rem .75rem; background: var(--bg); }
            .say { display: contents; }
            .say .who { margin: 0; white-space: nowrap; font-weight: 600; color: var(--fg); }
            .say #text { flex: 1 1 10rem; width: auto; }
            .break { flex-basis: 100%; height: 0; }
            .pickers, .color { display: flex; gap: .35rem; align-items: center; white-space: nowrap; }
            .pickers label, .color label { margin: 0; color: var(--muted); }
            select { font: inherit; padding: .25rem; border: 1px solid #c9cfdb; border-radius: 8px; background: var(--card); }
            .check input { width: auto; }
            .say button, .leave button, .color button { margin: 0; padding: .3rem .8rem; }
            .talk .error, .talk .hint { margin: 0; flex: 1 1 100%; font-size: .8em; }
            .talk .error ~ .hint { display: none; }
            .talk .error { order: 0; } .say .who { order: 1; } .say #text { order: 2; } .say button { order: 3; } .leave { order: 4; }
            .break { order: 5; } .pickers { order: 6; } .color { order: 7; } .talk .hint { order: 8; }
            .leave button { background: #5b6475; }
            .moderate, .account { white-space: nowrap; }
            .account { order: 7; margin-left: auto; font-size: .85em; }
            body.lines .card { max-width: 44rem; margin-top: 4vh; }
            ol.lines { list-style: none; margin: 0; padding: 0; }
            ol.lines li { display: flex; gap: .5rem; align-items: baseline; padding: .3rem 0; border-bottom: 1px solid #e3e6ee; overflow-wrap: anywhere; }
            ol.lines li span { flex: 1; }
            ol.lines li time { color: var(--muted); font-size: .8em; font-variant-numeric: tabular-nums; }
            ol.lines form { margin: 0; }
            ol.lines button { margin: 0; padding: .2rem .6rem; background: var(--err); }
            ul.moderation { list-style: none; margin: 0; padding: 0; }
            ul.moderation li { padding: .4rem 0; border-bottom: 1px solid #e3e6ee; overflow-wrap: anywhere; }
            ul.moderation form { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; margin: .25rem 0 0; }
            ul.moderation input { width: auto; margin: 0; }
            ul.moderation input[name=reason] { flex: 1; }
            ul.moderation button { margin: 0; padding: .2rem .6rem; background: var(--err); }
            body.names > section:has(~ section) { display: none; }
            body.names ul { list-style: none; margin: 0; padding: 0 .75rem; }
            body.names li { padding: .15rem 0; }
            .ignore { display: inline; }
            .pm { margin-left: .35rem; font-size: .75em; color: var(--muted); }
            .ignore button { margin: 0 0 0 .35rem; padding: 0 .4rem; font-size: .75em; background: transparent; color: var(--muted); border: 1px solid #c9cfdb; }
            body.names .rooms button { margin: 0; padding: .1rem .5rem; }
            body.names .here { font-weight: 600; }
            .say .room { white-space: nowrap; }
            body.names .new-room { padding: 0 .75rem .75rem; }
            body.names .error { padding: 0 .75rem; }
            body.login select { font: inherit; width: 100%; padding: .5rem .6rem; border: 1px solid #c9cfdb; border-radius: 8px; background: var(--card); }
            .c0 { color: var(--fg); }
            .line.guest > b::after, .line.admin > b::after { margin-left: .3em; padding: 0 .3em; border-radius: 4px; font-size: .7em; font-weight: normal; vertical-align: .1em; }
            .line.guest > b::after { content: "guest"; color: var(--muted); border: 1px solid #c9cfdb; }
            .line.admin > b::after { content: "admin"; color: #fff; background: var(--err); }
            .line.member > b::after, body.names li.member > b::after { content: "\2713"; content: "\2713" / "member"; margin-left: .15em; color: #2d7a2d; font-weight: normal; }

            """);
        foreach (var color in ColorPalette.Colors)
        {
            css.Append('.').Append(PaletteClass(color)).Append(" { color: ").Append(color).Append("; }\n");
        }

        return css.ToString();
    }
}
