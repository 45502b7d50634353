# Run a program, wait for it, print what it wrote and throw on a non-zero exit code. Dot-source it
# (. packaging\windows\Invoke-Checked.ps1) in the installers workflow. Start-Process -Wait because
# PowerShell does not wait for a windowed (GUI-subsystem) exe called directly, whose exit code would
# then be lost.
function Invoke-Checked([string]$Exe, [string[]]$Arguments) {
    $out = (New-TemporaryFile).FullName
    $err = (New-TemporaryFile).FullName
    $process = Start-Process -FilePath $Exe -ArgumentList $Arguments -Wait -PassThru -NoNewWindow `
        -RedirectStandardOutput $out -RedirectStandardError $err
    Get-Content $out, $err
    Remove-Item $out, $err
    if ($process.ExitCode) { throw "$Exe $Arguments exited with $($process.ExitCode)" }
}
