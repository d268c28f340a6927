using Rtvi;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddRtvi().AddGeneratedHandlers();
var app = builder.Build();
app.MapRtvi("/ws");
app.Run();

namespace Web
{
    [RtviService("greeter")]
    public sealed class Greeter
    {
        [RtviAction("hello")]
        public string Hello(string name) => "Hello, " + name + "!";
    }
}

namespace Web
{
    // Compiles against Rtvi.Extensions.AI from its package.
    internal static class ClientFunctions
    {
        public static Type Adapter => typeof(Rtvi.Extensions.AI.RtviClientFunction);
    }
}
