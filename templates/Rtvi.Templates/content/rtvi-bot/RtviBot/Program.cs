using Rtvi;
using RtviBot;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddBot().BindConfiguration(builder.Configuration);

var app = builder.Build();
app.MapRtvi("/ws");
app.Run();
