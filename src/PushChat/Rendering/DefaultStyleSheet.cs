using System.Text;
using PushChat.Internal.Chat.State;

namespace PushChat.Rendering;

/// <summary>
/// The CSS of <see cref="DefaultPageRenderer"/>: its layout, its light and dark schemes (by the
/// system's setting), and a class per palette colour (<see cref="ColorPalette"/>, which the chat
/// owns; this look only shows its colours, lightened in the dark scheme by <see cref="DarkSchemeColors"/>).
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
            :root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6475; --bg: #f6f7fb; --card: #fff; --accent: #1f5fa8; --on-accent: #fff; --err: #a8321f; --on-err: #fff; --ok: #2d7a2d; --neutral: #5b6475; --on-neutral: #fff; --line: #7a8394; --rule: #e3e6ee; --whisper: #eef3fb; --link: #1f5fa8; --focus: #b45309; }
            @media (prefers-color-scheme: dark) {
              :root { --fg: #e8eaed; --muted: #b3bac4; --bg: #111418; --card: #1b2027; --accent: #7cb8f2; --on-accent: #0b1320; --err: #fca5a5; --on-err: #1b1f24; --ok: #86efac; --neutral: #b3bac4; --on-neutral: #111418; --line: #8a94a6; --rule: #3b434e; --whisper: #1e2a3a; --link: #8cc4ff; --focus: #fbbf24; }
              .card { box-shadow: 0 4px 24px #0008; }
            }
            * { box-sizing: border-box; }
            html, body { margin: 0; }
            a { color: var(--link); }
            body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif; color: var(--fg); background: var(--bg); }
            .card { max-width: 24rem; margin: 12vh auto; background: var(--card); padding: 2rem; border-radius: 12px; box-shadow: 0 4px 24px #0002; }
            @media (max-width: 30rem) { .card { margin: 1rem; padding: 1.25rem; } }
            h1 { margin: 0 0 1rem; font-size: 1.5rem; }
            h2 { margin: .5rem .75rem; font-size: 1rem; }
            label { display: block; margin: .75rem 0 .25rem; color: var(--muted); }
            input { font: inherit; width: 100%; padding: .5rem .6rem; border: 1px solid var(--line); border-radius: 8px; color: var(--fg); background: var(--card); }
            /* Keyboard focus shows on every control and link, in both schemes (WCAG 2.4.7, 3:1 against the page). */
            :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
            button { font: inherit; margin-top: 1rem; padding: .5rem 1rem; border: 0; border-radius: 8px; background: var(--accent); color: var(--on-accent); cursor: pointer; }
            .error { color: var(--err); font-weight: 600; }
            .hint, small { color: var(--muted); }
            html.chat { overflow: hidden; height: 100%; }
            body.chat { height: 100%; display: flex; flex-direction: column-reverse; overflow-y: auto; background: var(--card); }
            .log { padding: .5rem .75rem; }
            .line { margin: .15rem 0; overflow-wrap: anywhere; }
            .line time { color: var(--muted); font-size: .8em; font-variant-numeric: tabular-nums; }
            .notice { color: var(--muted); font-style: italic; }
            .whisper { background: var(--whisper); border-left: 3px solid var(--accent); padding-left: .4rem; }
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
            select { font: inherit; padding: .25rem; border: 1px solid var(--line); border-radius: 8px; color: var(--fg); background: var(--card); }
            .check input, .ui-choice input { width: auto; }
            .ui-choice { margin: .75rem 0 0; border: 1px solid var(--rule); border-radius: 8px; }
            .ui-choice label { margin: .25rem 0; color: var(--fg); }
            .say button, .leave button, .color button { margin: 0; padding: .3rem .8rem; }
            .talk .error, .talk .hint { margin: 0; flex: 1 1 100%; font-size: .8em; }
            .talk .error ~ .hint { display: none; }
            .talk .error { order: 0; } .say .who { order: 1; } .say #text { order: 2; } .say button { order: 3; } .leave { order: 4; }
            .break { order: 5; } .pickers { order: 6; } .color { order: 7; } .talk .hint { order: 8; }
            .leave button { background: var(--neutral); color: var(--on-neutral); }
            .moderate, .account { white-space: nowrap; }
            .account { order: 7; margin-left: auto; font-size: .85em; }
            body.lines .card { max-width: 44rem; margin-top: 4vh; }
            ol.lines { list-style: none; margin: 0; padding: 0; }
            ol.lines li { display: flex; gap: .5rem; align-items: baseline; padding: .3rem 0; border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
            ol.lines li span { flex: 1; }
            ol.lines li time { color: var(--muted); font-size: .8em; font-variant-numeric: tabular-nums; }
            ol.lines form { margin: 0; }
            ol.lines button { margin: 0; padding: .2rem .6rem; background: var(--err); color: var(--on-err); }
            ul.moderation { list-style: none; margin: 0; padding: 0; }
            ul.moderation li { padding: .4rem 0; border-bottom: 1px solid var(--rule); overflow-wrap: anywhere; }
            ul.moderation form { display: flex; flex-wrap: wrap; gap: .35rem; align-items: center; margin: .25rem 0 0; }
            ul.moderation input { width: auto; margin: 0; }
            ul.moderation input[name=reason] { flex: 1; }
            ul.moderation button { margin: 0; padding: .2rem .6rem; background: var(--err); color: var(--on-err); }
            body.names > section:has(~ section) { display: none; }
            body.names ul { list-style: none; margin: 0; padding: 0 .75rem; }
            body.names li { padding: .15rem 0; }
            .ignore { display: inline; }
            .pm { margin-left: .35rem; font-size: .75em; color: var(--muted); }
            .ignore button { margin: 0 0 0 .35rem; padding: 0 .4rem; font-size: .75em; background: transparent; color: var(--muted); border: 1px solid var(--line); }
            body.names .rooms button { margin: 0; padding: .1rem .5rem; }
            body.names .here { font-weight: 600; }
            .say .room { white-space: nowrap; }
            body.names .new-room { padding: 0 .75rem .75rem; }
            body.names .error { padding: 0 .75rem; }
            body.login select { font: inherit; width: 100%; padding: .5rem .6rem; border: 1px solid var(--line); border-radius: 8px; color: var(--fg); background: var(--card); }
            .c0 { color: var(--fg); }
            .line.guest > b::after, .line.admin > b::after { margin-left: .3em; padding: 0 .3em; border-radius: 4px; font-size: .7em; font-weight: normal; vertical-align: .1em; }
            .line.guest > b::after { content: var(--mark-guest, "guest"); color: var(--muted); border: 1px solid var(--line); }
            .line.admin > b::after { content: var(--mark-admin, "admin"); color: var(--on-err); background: var(--err); }
            .line.member > b::after, body.names li.member > b::after { content: "\2713"; content: "\2713" / var(--mark-member, "member"); margin-left: .15em; color: var(--ok); font-weight: normal; }

            """);
        foreach (var color in ColorPalette.Colors)
        {
            css.Append('.').Append(PaletteClass(color)).Append(" { color: ").Append(color).Append("; }\n");
        }

        // The palette reads on light backgrounds; the dark scheme shows each colour lightened just enough.
        css.Append("@media (prefers-color-scheme: dark) {\n");
        foreach (var color in ColorPalette.Colors)
        {
            css.Append("  .").Append(PaletteClass(color)).Append(" { color: ").Append(DarkSchemeColors.For(color)).Append("; }\n");
        }

        css.Append("}\n");

        return css.ToString();
    }
}
