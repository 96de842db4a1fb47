namespace PushChat.Benchmarks.Serving;

/// <summary>Pages the baselines answer short requests with, about the size of PushChat's.</summary>
internal static class SamplePages
{
    public const string Login = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Chat</title><link rel="stylesheet" href="/style.css"></head>
        <body class="login"><main><h1>Chat</h1>
        <form method="post" action="/login"><label>Name <input name="name" maxlength="24" required autofocus></label>
        <label>Password <input name="password" type="password"></label>
        <p class="hint">Guests may leave the password empty.</p><button type="submit">Enter the chat</button></form>
        </main></body></html>
        """;

    public const string Names = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="10"><title>Who is here</title><link rel="stylesheet" href="/style.css"></head>
        <body class="names"><h2>Lobby</h2><ul><li><b>publisher</b></li></ul></body></html>
        """;
}
