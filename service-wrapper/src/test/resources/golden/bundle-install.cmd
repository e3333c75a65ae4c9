@echo off
rem Installs Relay Agent from this bundle on Windows. Run as an administrator: install.cmd
rem Needs a Java 17 or later runtime (JAVA_HOME, or java on the PATH). The zip goes under
rem %ProgramFiles%, the site's files under %ProgramData%\relay-agent, then
rem `relay-agent service install` installs and starts the service (procrun, Local Service).
setlocal
set "HERE=%~dp0"
set "DATA=%ProgramData%\relay-agent"
set "ROOT=%ProgramFiles%\relay-agent-1.2.0"
powershell -NoProfile -ExecutionPolicy Bypass -Command "Expand-Archive -Force -LiteralPath '%HERE%relay-agent-1.2.0-windows.zip' -DestinationPath '%ProgramFiles%'" || exit /b 1
if not exist "%DATA%\state\trust" mkdir "%DATA%\state\trust" || exit /b 1
rem A policy or SiteList already there is the one the server sent last: keep it.
if not exist "%DATA%\policy.xml" copy /Y "%HERE%policy.xml" "%DATA%\policy.xml" >nul || exit /b 1
if not exist "%DATA%\SiteList.xml" copy /Y "%HERE%SiteList.xml" "%DATA%\SiteList.xml" >nul || exit /b 1
if not exist "%DATA%\state\trust\ca.pem" copy /Y "%HERE%ca.pem" "%DATA%\state\trust\ca.pem" >nul || exit /b 1
rem The token is a secret, and needed only until the host has its certificate: Administrators,
rem SYSTEM and the service's Local Service account only.
if not exist "%DATA%\state\trust\agent.pem" (
  copy /Y "%HERE%enrollment-token" "%DATA%\state\trust\enrollment-token" >nul || exit /b 1
  icacls "%DATA%\state\trust\enrollment-token" /inheritance:r /grant:r *S-1-5-32-544:F *S-1-5-18:F *S-1-5-19:M >nul || exit /b 1
)
call "%ROOT%\bin\relay-agent.cmd" service install || exit /b 1
echo relay-agent installed and started; check it with: "%ROOT%\bin\relay-agent.cmd" status --state-dir "%DATA%\state"
